import { formatBytes } from '../../models/ownModelJson';
import type { InspectedModel } from './modelSource';

/** What model.json says: kind, its own name, size, input, weights, and a head it ends in. */
export function OwnModelSummary({ model }: { model: InspectedModel }) {
  const { facts, origin } = model;
  const kind = facts.format === 'graph' ? 'GraphModel' : 'LayersModel';
  const unit = facts.format === 'graph' ? 'nodes' : 'layers';
  const head = facts.graphHead ? ` · ends in ${facts.graphHead.path.join(' → ')}` : '';
  return (
    <p className="ae-own-model__summary" data-testid="own-model-summary">
      {kind}
      {facts.modelName ? ` '${facts.modelName}'` : ''}, {facts.size} {unit}, input [
      {facts.inputShape.map((d) => d ?? '?').join(', ')}], {formatBytes(facts.totalWeightBytes)} of
      weights{head} <span className="ae-muted">({origin})</span>
    </p>
  );
}
