// One Lambda execution environment: loads the handler once (init), then runs the invocations
// LocalStack sends, one at a time, speaking LocalStack's runtime protocol:
//   ready:  POST $LOCALSTACK_RUNTIME_ENDPOINT/status/$LOCALSTACK_RUNTIME_ID/ready {"port"}  (or /error)
//           naming the port this process bound itself (port 0: no other process can take it first)
//   invoke: LocalStack POSTs {"invoke-id","invoked-function-arn","payload","trace-id"} to <port>/invoke
//   result: POST .../invocations/<id>/logs {"logs"}, then .../response (raw result) or .../error
// The timeout is enforced by the Python executor, which kills this process.

const http = require('node:http');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const endpoint = process.env.LOCALSTACK_RUNTIME_ENDPOINT;
const runtimeId = process.env.LOCALSTACK_RUNTIME_ID;
const timeoutMs = Number(process.env.AWS_LAMBDA_FUNCTION_TIMEOUT) * 1000;

// Everything the function writes goes to the invocation's logs (as CloudWatch Logs receives it on
// AWS) and still to this process's stdout, which the executor keeps for LocalStack's own log.
let captured = [];
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream);
  stream.write = (chunk, ...rest) => {
    captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return write(chunk, ...rest);
  };
}

const post = (url, body, contentType = 'application/json') =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': contentType }, body });

const errorBody = (err) =>
  JSON.stringify({
    errorType: err?.name || 'Error',
    errorMessage: err?.message !== undefined ? String(err.message) : String(err),
    stackTrace: err?.stack
      ? String(err.stack)
          .split('\n')
          .slice(1)
          .map((l) => l.trim())
      : [],
  });

// "dir/file.export" (as in `handler:`): module dir/file, export path after the first dot.
const loadHandler = async () => {
  const spec = process.env._HANDLER;
  const slash = spec.lastIndexOf('/');
  const dot = spec.indexOf('.', slash + 1);
  if (dot < 0)
    throw Object.assign(new Error(`Bad handler ${spec}`), { name: 'Runtime.MalformedHandlerName' });
  const base = path.resolve(process.env.LAMBDA_TASK_ROOT, spec.slice(0, dot));
  let mod;
  for (const ext of ['.js', '.cjs', '.mjs']) {
    const file = base + ext;
    if (!require('node:fs').existsSync(file)) continue;
    try {
      mod = require(file);
    } catch (err) {
      if (err.code !== 'ERR_REQUIRE_ESM') throw err;
      mod = await import(pathToFileURL(file).href);
    }
    break;
  }
  if (!mod)
    throw Object.assign(new Error(`Cannot find module ${base}`), { name: 'Runtime.ImportModuleError' });
  const fn = spec
    .slice(dot + 1)
    .split('.')
    .reduce((o, k) => (o == null ? undefined : o[k]), mod);
  if (typeof fn !== 'function') {
    throw Object.assign(new Error(`${spec} is undefined or not exported`), {
      name: 'Runtime.HandlerNotFound',
    });
  }
  return fn;
};

const run = (handler, event, context) =>
  new Promise((resolve, reject) => {
    // Callback-style handlers (event, context, callback) as well as async ones.
    const callback = (err, result) => (err ? reject(err) : resolve(result));
    try {
      const out = handler(event, context, callback);
      if (out && typeof out.then === 'function') out.then(resolve, reject);
      else if (handler.length < 3) resolve(out);
    } catch (err) {
      reject(err);
    }
  });

let current; // the request id being run, for errors raised outside the handler's promise

const invoke = async (handler, req) => {
  const requestId = req['invoke-id'];
  const base = `${endpoint}/invocations/${requestId}`;
  const deadline = Date.now() + timeoutMs;
  current = requestId;
  captured = [];
  process.env._X_AMZN_TRACE_ID = req['trace-id'] || '';
  const started = Date.now();
  process.stdout.write(`START RequestId: ${requestId} Version: ${process.env.AWS_LAMBDA_FUNCTION_VERSION}\n`);
  const context = {
    awsRequestId: requestId,
    invokedFunctionArn: req['invoked-function-arn'],
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  let outcome;
  try {
    const result = await run(handler, JSON.parse(req.payload || 'null'), context);
    outcome = ['response', JSON.stringify(result === undefined ? null : result)];
  } catch (err) {
    process.stderr.write(`${errorBody(err)}\n`);
    outcome = ['error', errorBody(err)];
  }
  process.stdout.write(`END RequestId: ${requestId}\n`);
  process.stdout.write(`REPORT RequestId: ${requestId}\tDuration: ${Date.now() - started} ms\n`);
  current = undefined;
  await post(`${base}/logs`, JSON.stringify({ logs: captured.join('') }));
  await post(`${base}/${outcome[0]}`, outcome[1]);
};

// An exception escaping the handler's promise chain ends the environment, as on Lambda.
const crash = async (err) => {
  if (current) {
    await post(`${endpoint}/invocations/${current}/logs`, JSON.stringify({ logs: captured.join('') })).catch(
      () => {},
    );
    await post(`${endpoint}/invocations/${current}/error`, errorBody(err)).catch(() => {});
  }
  process.exit(1);
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

const main = async () => {
  let handler;
  try {
    handler = await loadHandler();
  } catch (err) {
    process.stderr.write(`${errorBody(err)}\n`);
    await post(`${endpoint}/status/${runtimeId}/error`, errorBody(err));
    process.exit(1);
  }
  const queue = [];
  let busy = false;
  const drain = async () => {
    if (busy) return;
    busy = true;
    while (queue.length) await invoke(handler, queue.shift()).catch((err) => crash(err));
    busy = false;
  };
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/invoke') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(202).end();
      queue.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      drain();
    });
  });
  server.listen(0, '127.0.0.1', () => {
    post(`${endpoint}/status/${runtimeId}/ready`, JSON.stringify({ port: server.address().port })).catch(
      crash,
    );
  });
};

main();
