import { Card } from '@/components/ui/card';
import type { ModelVersionView } from '@/lib/intents';
import { percent } from './change-arrow';

/**
 * How a version read the site's test phrases (an imported nlp.js file's "tests"): messages it never
 * trained on, labelled by the admin, so a second opinion beside the held-out examples.
 */
export function TestPhraseResult({ version }: { version: ModelVersionView }) {
  const metrics = version.testPhraseMetrics;
  if (!metrics) return null;
  const { answers } = metrics;
  return (
    <Card title="Your test phrases">
      <div className="space-y-3 text-sm" data-testid="test-phrase-result">
        <p>
          Version {version.version} read{' '}
          <strong className="tabular-nums">{percent(metrics.accuracy)}</strong> of{' '}
          {metrics.evaluatedCount} test phrases as their intent
          {metrics.oosRecall !== null
            ? ` and declined ${percent(metrics.oosRecall)} of the out-of-scope ones`
            : ''}
          {answers
            ? `; at its threshold it answers ${percent(answers.resolved)} right, ${percent(answers.wrong)} wrongly and defers ${percent(answers.deferred)}`
            : ''}
          .
        </p>
        {metrics.misclassified.length ? (
          <table className="w-full text-sm">
            <thead className="text-left text-xs uppercase text-stone-500">
              <tr>
                <th className="py-1">Test phrase</th>
                <th className="py-1">Labelled</th>
                <th className="py-1">Bot said</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {metrics.misclassified.slice(0, 50).map((item, index) => (
                <tr key={index}>
                  <td className="py-1">{item.text}</td>
                  <td className="py-1 font-mono text-xs">{item.expected}</td>
                  <td className="py-1 font-mono text-xs">
                    {item.predicted ?? 'no intent (fallback)'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
    </Card>
  );
}
