// A local HTTP sink for the sender bench, in its own process: reads each body, answers
// 200 {"ok":true}, counts what it received. Prints its port on stdout; answers "count" on stdin.
import http from 'node:http'

let received = 0
const server = http.createServer((req, res) => {
  req.on('data', () => undefined)
  req.on('end', () => {
    received++
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end('{"ok":true}')
  })
})
server.keepAliveTimeout = 30_000
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`))
process.stdin.on('data', () => process.stdout.write(`count ${received}\n`))
process.stdin.on('end', () => process.exit(0))
