// A worker that fails as it starts.
throw new Error('stand-in worker failed');
