// A worker that ends without sending anything.
process.exit(0);
