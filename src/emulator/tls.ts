/**
 * TLS for apps that cannot pass `allowInsecureConnection: true` to the server SDK: a self-signed
 * certificate for localhost, 127.0.0.1 and ::1, generated at start with the `openssl` binary
 * (no network needed), or a certificate of your own.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TlsOption } from "./types.js";

/** Key and certificate for `https.createServer`, plus where the certificate file is. */
export interface TlsMaterial {
  readonly key: string | Buffer;
  readonly cert: string;
  /** The PEM file (self-signed only). */
  readonly certPath: string | undefined;
  /** Removes generated files. */
  dispose(): Promise<void>;
}

function run(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 30_000 }, (error, _stdout, stderr) => {
      if (error === null) resolve();
      else reject(new Error(`${command} failed: ${error.message}${stderr ? `\n${stderr}` : ""}`));
    });
  });
}

/** Generates a self-signed P-256 certificate valid for 30 days in a fresh temporary directory. */
export async function generateSelfSigned(): Promise<TlsMaterial> {
  const dir = await mkdtemp(join(tmpdir(), "wps-emulator-tls-"));
  const keyPath = join(dir, "key.pem");
  const certPath = join(dir, "cert.pem");
  try {
    await run("openssl", [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      keyPath,
      "-out",
      certPath,
      "-days",
      "30",
      "-subj",
      "/CN=localhost",
      "-addext",
      "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1",
    ]);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Could not generate a self-signed certificate with openssl (${detail}). ` +
        "Install openssl or pass tls: { key, cert } with a certificate of your own.",
    );
  }
  const [key, cert] = await Promise.all([readFile(keyPath), readFile(certPath, "utf8")]);
  return { key, cert, certPath, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** Resolves the `tls` option; `undefined` for plain http. */
export async function resolveTls(option: TlsOption | undefined): Promise<TlsMaterial | undefined> {
  if (option === undefined || option === false) return undefined;
  if (option === true) return generateSelfSigned();
  return {
    key: option.key,
    cert: typeof option.cert === "string" ? option.cert : option.cert.toString("utf8"),
    certPath: undefined,
    dispose: async () => {},
  };
}
