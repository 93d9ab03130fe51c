import { describe, expect, it } from "vitest";
import { clientAddress } from "./address.ts";

describe("clientAddress", () => {
  it("keys IPv4 by the address and IPv6 by its /64, so rotating within a /64 gains nothing", () => {
    expect(clientAddress("203.0.113.7")).toBe("203.0.113.7");
    expect(clientAddress("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(clientAddress("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(clientAddress("2001:0db8:0001:0002:ffff::1")).toBe("2001:db8:1:2::/64");
    expect(clientAddress("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientAddress("2001:DB8:1:2::abcd")).toBe(clientAddress("2001:db8:1:2:ffff:ffff:ffff:ffff"));
    expect(clientAddress("::1")).toBe("0:0:0:0::/64");
  });

  it("treats anything that is not an address as unknown", () => {
    for (const bad of [undefined, null, "", "localhost", "1.2.3", "1:2:3", "2001:db8::1::2", "g::1", "x".repeat(100), "1.2.3.4, 5.6.7.8"])
      expect(clientAddress(bad)).toBe("unknown");
  });
});
