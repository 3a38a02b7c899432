/** The full-test-set figures of the maxout family, as models/index.json has them, and recipes. */
import type { AttackRates } from '../logic/modelFigures';
import { percent } from '../logic/modelFigures';

export function HarnessingTable({
  rows,
}: {
  rows: readonly { training: string; rates: AttackRates }[];
}) {
  return (
    <>
      <table className="tour-table" data-testid="harnessing-table">
        <caption>
          Whole test set (measured with <code>npm run measure</code>, read from models/index.json),
          ε = 0.25; PGD on the first test images only
        </caption>
        <thead>
          <tr>
            <th scope="col">model</th>
            <th scope="col">trained on</th>
            <th scope="col">clean</th>
            <th scope="col">FGSM</th>
            <th scope="col">random ±ε</th>
            <th scope="col">uniform</th>
            <th scope="col">PGD</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ training, rates }) => (
            <tr key={rates.model.id} data-testid={`harnessing-row-${rates.model.id}`}>
              <th scope="row">{rates.model.id}</th>
              <td>{training}</td>
              <td>{percent(rates.clean)}</td>
              <td data-testid={`ht-fgsm-${rates.model.id}`} data-value={rates.fgsm?.errorRate}>
                {percent(rates.fgsm?.errorRate)}
              </td>
              <td>{percent(rates.randomSign?.errorRate)}</td>
              <td>{percent(rates.uniform?.errorRate)}</td>
              <td>{percent(rates.pgd?.errorRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <details className="tour-recipes">
        <summary>How each of these models was trained (from models/index.json)</summary>
        <dl>
          {rows.map(({ rates }) => (
            <div key={rates.model.id}>
              <dt>{rates.model.id}</dt>
              <dd>{rates.model.training?.recipe ?? 'not recorded'}</dd>
            </div>
          ))}
        </dl>
      </details>
    </>
  );
}
