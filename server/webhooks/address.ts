// Which webhook hosts are refused. An OA system usually lives on the organization's internal network,
// so private and loopback addresses (10.x, 192.168.x, 127.0.0.1, [::1]) are allowed: only an
// organization's admin sets the webhook (server/README.md). Refused are the addresses no OA system
// has and a server-side request should never reach: the link-local range 169.254.0.0/16 (cloud
// metadata services answer at 169.254.169.254) and "this network" 0.0.0.0/8 (0.0.0.0 reaches the
// server itself), with their IPv6 forms (::, fe80::/10, and IPv4 addresses embedded as
// ::ffff:a.b.c.d, ::a.b.c.d or 64:ff9b::a.b.c.d), and the metadata addresses of clouds outside those
// ranges: 100.100.100.200 (Alibaba Cloud), 192.0.0.192 (Oracle Cloud), fd00:ec2::254 (AWS IPv6).
//
// The host checked is the URL parser's normalized one: WHATWG parsing turns every numeric IPv4 form
// (2130706433, 0x7f000001, 0177.0.0.1, 127.1) into dotted decimal and compresses IPv6, so one
// reading covers them all. Names are not resolved here (a name's address can change after it is set):
// delivery resolves them and checks every address it would connect to (deliver.ts, forbiddenAddress).

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The four octets of a dotted-decimal IPv4 address, or undefined. */
function ipv4(host: string): number[] | undefined {
  const m = IPV4.exec(host);
  return m ? m.slice(1).map(Number) : undefined;
}

/** Cloud metadata services outside 169.254.0.0/16 (hostile audit H6 F8). */
const METADATA_V4 = new Set(['100.100.100.200', '192.0.0.192']);

const refusedV4 = (o: number[]): boolean => o[0] === 0 || (o[0] === 169 && o[1] === 254) || METADATA_V4.has(o.join('.'));

/** fd00:ec2::254, AWS's IPv6 metadata address. */
const isAwsMetadataV6 = (g: number[]): boolean =>
  g[0] === 0xfd00 && g[1] === 0xec2 && g.slice(2, 7).every((x) => x === 0) && g[7] === 0x254;

/** The eight 16-bit groups of a normalized IPv6 address (without brackets), or undefined. */
function ipv6(host: string): number[] | undefined {
  const halves = host.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const fill = 8 - head.length - tail.length;
  if (fill < 0 || (halves.length === 1 && fill !== 0) || [...head, ...tail].some((g) => !Number.isInteger(g) || g < 0 || g > 0xffff)) return undefined;
  return [...head, ...Array<number>(fill).fill(0), ...tail];
}

function refusedV6(g: number[]): boolean {
  if (g.every((x) => x === 0)) return true; // ::
  if ((g[0] & 0xffc0) === 0xfe80) return true; // fe80::/10
  if (isAwsMetadataV6(g)) return true;
  const embedded = [g[6] >> 8, g[6] & 0xff, g[7] >> 8, g[7] & 0xff];
  const zeros = (n: number) => g.slice(0, n).every((x) => x === 0);
  const mapped = zeros(5) && g[5] === 0xffff;
  const compatible = zeros(6) && g[6] !== 0; // not ::1 (loopback) nor ::0.0.x.y
  const nat64 = g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0);
  return (mapped || compatible || nat64) && refusedV4(embedded);
}

/** Whether a webhook may not connect to `address`, a resolved IPv4 or IPv6 address (no brackets;
 * one with a zone, `fe80::1%eth0`, is link-local and refused). */
export function forbiddenAddress(address: string): boolean {
  const v4 = ipv4(address);
  if (v4) return refusedV4(v4);
  let host: string;
  try {
    host = new URL(`http://[${address}]/`).hostname; // normalized: `::ffff:1.2.3.4` as hex groups
  } catch {
    return true;
  }
  return forbiddenHost(host);
}

/** Whether a webhook may not point at `hostname` (as `URL.hostname` gives it). */
export function forbiddenHost(hostname: string): boolean {
  const v4 = ipv4(hostname);
  if (v4) return refusedV4(v4);
  if (hostname.startsWith('[') && hostname.endsWith(']')) {
    const v6 = ipv6(hostname.slice(1, -1));
    return v6 === undefined || refusedV6(v6);
  }
  return false;
}
