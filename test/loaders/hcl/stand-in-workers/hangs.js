// A worker that never answers.
setInterval(() => undefined, 1000);
