import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SecretReader } from "../../secrets/secret-ref.ts";
import { motoAvailable, startMoto, type Moto } from "../support/moto.ts";
import { SEED_CREDENTIALS } from "../support/seed-moto.ts";

describe("secret references", () => {
  it("reads an environment variable and says which one is missing without showing any value", async () => {
    const reader = new SecretReader({ env: { GRAPH_SECRET: "s3cr3t" } });
    await expect(reader.read({ env: "GRAPH_SECRET" })).resolves.toBe("s3cr3t");
    await expect(reader.read({ env: "NOPE" })).rejects.toThrow("secret from environment variable NOPE: the variable is not set");
  });

  it("reads a file, trimmed, and names the file it could not read", async () => {
    const dir = await mkdtemp(join(tmpdir(), "c15-secret-"));
    await writeFile(join(dir, "key"), "value\n");
    const reader = new SecretReader();
    await expect(reader.read({ file: join(dir, "key") })).resolves.toBe("value");
    await expect(reader.read({ file: join(dir, "missing") })).rejects.toThrow(`secret from file ${join(dir, "missing")}: cannot read the file (ENOENT)`);
  });

  describe.skipIf(!motoAvailable())("from SSM Parameter Store (moto_server)", () => {
    let moto: Moto;
    beforeAll(async () => { moto = await startMoto(); });
    afterAll(async () => { vi.unstubAllEnvs(); await moto?.stop(); });

    it("decrypts a SecureString once and serves it from cache after", async () => {
      const ssm = new SSMClient({ endpoint: moto.endpoint, region: "ap-northeast-1", credentials: SEED_CREDENTIALS });
      await ssm.send(new PutParameterCommand({ Name: "/cloud15/graph", Type: "SecureString", Value: "from-ssm" }));
      // The reader uses the default credential chain, as on Lambda.
      vi.stubEnv("AWS_ACCESS_KEY_ID", SEED_CREDENTIALS.accessKeyId);
      vi.stubEnv("AWS_SECRET_ACCESS_KEY", SEED_CREDENTIALS.secretAccessKey);
      const reader = new SecretReader({ ssmEndpoint: moto.endpoint });
      await expect(reader.read({ ssm: "/cloud15/graph", region: "ap-northeast-1" })).resolves.toBe("from-ssm");
      await moto.reset();
      await expect(reader.read({ ssm: "/cloud15/graph", region: "ap-northeast-1" })).resolves.toBe("from-ssm");
      await expect(new SecretReader({ ssmEndpoint: moto.endpoint }).read({ ssm: "/cloud15/graph", region: "ap-northeast-1" }))
        .rejects.toThrow("secret from SSM parameter /cloud15/graph: ParameterNotFound: cannot read the parameter");
    });
  });
});
