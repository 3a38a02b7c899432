/**
 * Work shared with peer engines (other engine workers on spare cores, worker/peerPool.ts): a
 * batch is cut into near-equal shares; the peers' shares are sent first and run meanwhile, this
 * engine computes the first one, and a share a peer fails is computed here. The cross-section
 * maps and the test-set attacks both share their chunks this way.
 */
import { evenCuts } from '../../shared/evenCuts';

/** Peer engines that take shares of a batch; `Share` is what one share sends. */
export interface PeerShares<Share, Outcome> {
  /** how many evaluators (this engine and its peers) share each batch */
  readonly ways: number;
  /** runs a share on a peer; rejecting makes the caller compute it itself */
  run(share: Share): Promise<Outcome>;
}

export interface ShareWork<Share, Outcome> {
  /** the share of units [from, to); `forPeer`: it is posted to another worker */
  shareOf(from: number, to: number, forPeer: boolean): Share;
  /** computes a share on this engine */
  runHere(share: Share): Promise<Outcome>;
}

/** How many ways a batch of `units` is cut: never into more than `maxWays` shares. */
export function waysFor(peers: PeerShares<unknown, unknown> | undefined, maxWays: number): number {
  return Math.max(1, Math.min(peers?.ways ?? 1, maxWays));
}

/**
 * The outcomes of a batch of `units`, one per share, in order. With `ways` below 2 (or no
 * peers) it is one share computed here.
 */
export async function runShared<Share, Outcome>(
  units: number,
  ways: number,
  work: ShareWork<Share, Outcome>,
  peers: PeerShares<Share, Outcome> | undefined,
): Promise<Outcome[]> {
  if (!peers || ways < 2) return [await work.runHere(work.shareOf(0, units, false))];
  const bounds = evenCuts(units, ways);
  const remote = bounds.slice(1, -1).map((from, k) => {
    const share = work.shareOf(from, bounds[k + 2] as number, true);
    return peers.run(share).catch(() => work.runHere(share));
  });
  const local = await work.runHere(work.shareOf(0, bounds[1] as number, false));
  return [local, ...(await Promise.all(remote))];
}
