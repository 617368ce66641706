// Signs each case read from stdin (a JSON array) with @smithy/signature-v4 (the signer of the AWS SDK
// for JavaScript v3), sends it with node:http, and prints the answers as a JSON array. SigV4ClientsIT
// runs it with NODE_PATH at .tools/sigv4/node_modules (scripts/emulator.sh install puts it there).
//
// usage: node smithy_client.cjs HOST PORT < cases.json
"use strict";
const http = require("node:http");
const { SignatureV4 } = require("@smithy/signature-v4");
const { Hash } = require("@smithy/hash-node");
const signerVersion = require("@smithy/signature-v4/package.json").version;

// RFC 3986 encoding, as SigV4 wants it on the wire too
const encode = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
const target = (path, pairs) => path + (pairs && pairs.length ? "?" + pairs.map(([k, v]) => encode(k) + "=" + encode(v)).join("&") : "");

async function run(host, port, c) {
  const body = c.body || "";
  const headers = { host: `${host}:${port}`, ...(c.headers || {}) };
  if (body.length > 0) headers["content-length"] = String(Buffer.byteLength(body));
  const query = {};
  for (const [k, v] of c.query || []) (query[k] = query[k] || []).push(v);
  const signer = new SignatureV4({
    credentials: { accessKeyId: c.key.id, secretAccessKey: c.key.secret, sessionToken: c.key.token || undefined },
    region: "us-east-1",
    service: "execute-api",
    sha256: Hash.bind(null, "sha256"),
    applyChecksum: Boolean(c.contentSha256),
  });
  const signed = await signer.sign(
    { method: c.method, protocol: "http:", hostname: host, port, path: c.path, query, headers, body: body.length ? body : undefined },
    { signingDate: new Date(Date.now() - (c.ageSeconds || 0) * 1000) });

  const send = c.send || {};
  const sentHeaders = {};
  for (const [k, v] of Object.entries(signed.headers)) {
    if (!send.dropHeader || k.toLowerCase() !== send.dropHeader.toLowerCase()) sentHeaders[k] = v;
  }
  const sentBody = send.body !== undefined ? send.body : body;
  const path = target(send.path || c.path, send.query || c.query);
  const answer = await new Promise((resolve, reject) => {
    const req = http.request({ host, port, method: c.method, path, headers: sentHeaders }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode, body: text }));
    });
    req.on("error", reject);
    req.setTimeout(30000, () => req.destroy(new Error("timeout")));
    req.end(sentBody.length ? sentBody : undefined);
  });
  const auth = signed.headers.authorization;
  return { name: c.name, ...answer, signedHeaders: auth.split("SignedHeaders=")[1].split(",")[0] };
}

async function main() {
  const [host, port] = [process.argv[2], Number(process.argv[3])];
  let input = "";
  for await (const chunk of process.stdin) input += chunk;
  const results = [];
  for (const c of JSON.parse(input)) results.push(await run(host, port, c));
  process.stdout.write(JSON.stringify({ signer: "@smithy/signature-v4 " + signerVersion, results }));
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
