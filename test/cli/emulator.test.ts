/**
 * `wps emulator` as a process: what it prints on stdout (also with `--quiet`), `--tls` with the
 * certificate's path and the `NODE_EXTRA_CA_CERTS` line, `--echo-invoke`, and `wps connect`'s
 * hint when Node does not trust the certificate.
 */
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { requirement } from "../support/requirements.js";
import { LineReader, runCli, spawnCli } from "./helpers.js";

const openssl = requirement("openssl");

describe.skipIf(!openssl.run)("wps emulator --tls --quiet --echo-invoke", () => {
  it("prints the certificate and how to trust it on stdout; connect says what to do when it is not trusted", async () => {
    openssl.assertPresent();
    const emulator = spawnCli(["emulator", "--port", "0", "--tls", "--quiet", "--echo-invoke"]);
    const out = new LineReader(emulator);
    try {
      await out.waitFor((line) => line === "Press Ctrl-C to stop.", 15_000);
      const text = out.lines.join("\n");
      const certPath = /^Certificate \(self-signed.*\): (\S+\.pem)$/m.exec(text)?.[1];
      expect(certPath).toBeDefined();
      expect(text).toContain(`\n  NODE_EXTRA_CA_CERTS=${certPath} node app.js\n`);
      expect(text).not.toContain("allowInsecureConnection");
      expect(text).toContain("Invokes are answered with their own data (--echo-invoke).");
      const url = /^ {2}(wss:\/\/127\.0\.0\.1:\d+\/client\/hubs\/chat\?access_token=\S+)$/m.exec(text)?.[1];
      expect(url).toBeDefined();

      const untrusted = await runCli(["connect", url!], { input: "quit\n" });
      expect(untrusted.code).toBe(1);
      expect(untrusted.stderr).toBe(
        "wps: could not connect: Node does not trust the service's TLS certificate (self-signed certificate). " +
          "For `wps emulator --tls`, start with the certificate it printed: " +
          "NODE_EXTRA_CA_CERTS=<certificate> npx wps connect … " +
          "(in a clone: NODE_EXTRA_CA_CERTS=<certificate> npm run wps -- connect …)\n",
      );

      const trusted = await runCli(["connect", url!, "--json"], {
        input: 'invoke echo {"hello":"tls"}\n',
        env: { NODE_EXTRA_CA_CERTS: certPath },
      });
      expect(trusted.stderr).toBe("");
      expect(trusted.code).toBe(0);
      expect(trusted.stdout).toContain('"command":"invoke","target":"echo"');
      expect(trusted.stdout).toContain('"dataType":"json","data":{"hello":"tls"}');
    } finally {
      emulator.kill("SIGINT");
    }
    const [code] = (await once(emulator, "close")) as [number | null];
    expect(code).toBe(0);
  });
});

describe("wps emulator", () => {
  it("over http, says how the server SDK reaches it and that invokes need --echo-invoke", async () => {
    const emulator = spawnCli(["emulator", "--port", "0", "--quiet"]);
    const out = new LineReader(emulator);
    try {
      await out.waitFor((line) => line === "Press Ctrl-C to stop.", 15_000);
      const text = out.lines.join("\n");
      expect(text).toMatch(/^Web PubSub emulator listening on http:\/\/127\.0\.0\.1:\d+$/m);
      expect(text).toContain("allowInsecureConnection: true");
      expect(text).toContain(
        "Invokes are refused: no handler (--echo-invoke answers them with their own data).",
      );
    } finally {
      emulator.kill("SIGINT");
    }
    const [code] = (await once(emulator, "close")) as [number | null];
    expect(code).toBe(0);
  });
});
