import { X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { selfSignedCertificate } from "../../../simulator/microsoft/certificate.ts";

describe("self-signed certificates built with node:crypto", () => {
  it("are valid DER every time, whatever the random serial number starts with", () => {
    for (let i = 0; i < 400; i++) {
      const cert = selfSignedCertificate({ commonName: "cloud15 test", altNames: ["127.0.0.1", "localhost"] });
      expect(new X509Certificate(cert.certPem).verify(cert.publicKey)).toBe(true);
    }
  });

  it("name the simulator's host, act as their own CA, and give Entra's SHA-1 thumbprint", () => {
    const cert = selfSignedCertificate({ commonName: "cloud15 test", altNames: ["127.0.0.1", "localhost"], keyType: "rsa" });
    const x509 = new X509Certificate(cert.certPem);
    expect(x509.subjectAltName).toBe("IP Address:127.0.0.1, DNS:localhost");
    expect(x509.ca).toBe(true);
    expect(x509.publicKey.asymmetricKeyType).toBe("rsa");
    expect(x509.fingerprint.replace(/:/g, "").toLowerCase()).toBe(cert.thumbprint);
  });
});
