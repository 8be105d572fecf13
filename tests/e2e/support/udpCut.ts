import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const TABLE = 'fairdesk_e2e_cut';

/**
 * Cuts the media path of calls between pages on this machine: an nftables rule drops every UDP
 * packet arriving on the loopback interface, so WebRTC's media and connectivity checks stop while
 * TCP (the servers, the browser host) goes on. Two pages on one machine reach each other through
 * `lo` whatever addresses their ICE candidates carry.
 *
 * Needs `nft` (Debian's nftables, which .ci/run installs) and root or CAP_NET_ADMIN, as CI has;
 * without them it throws saying so rather than quietly leaving the media path alone.
 */
export async function cutLoopbackUdp(): Promise<{ restore(): Promise<void> }> {
  await removeRule();
  const ruleset = `table inet ${TABLE} {\n chain input {\n  type filter hook input priority 0; policy accept;\n  iif "lo" meta l4proto udp drop\n }\n}\n`;
  try {
    await new Promise<void>((resolve, reject) => {
      const child = execFile('nft', ['-f', '-'], (error) => (error ? reject(error) : resolve()));
      child.stdin?.end(ruleset);
    });
  } catch (error) {
    throw new Error(`Cutting UDP on loopback needs nftables (nft) and root or CAP_NET_ADMIN: ${error instanceof Error ? error.message : String(error)}`);
  }
  let restored = false;
  return {
    restore: async () => {
      if (restored) return;
      restored = true;
      await removeRule();
    },
  };
}

const removeRule = (): Promise<void> => run('nft', ['delete', 'table', 'inet', TABLE]).then(
  () => undefined,
  () => undefined,
);
