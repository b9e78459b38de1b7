// Starts s3rver on a free loopback port over a data folder, prints "PORT <n>", and stops when standard input closes
// (the test JVM ended or closed it).
const S3rver = require('s3rver');
const [directory] = process.argv.slice(2);
const server = new S3rver({
  address: '127.0.0.1', port: 0, silent: true, directory,
});
server.run().then(
  (address) => console.log('PORT ' + address.port),
  (err) => { console.error('s3rver did not start: ' + err.message); process.exit(1); });
process.stdin.on('end', () => server.close().finally(() => process.exit(0)));
process.stdin.resume();
