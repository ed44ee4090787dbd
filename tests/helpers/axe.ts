/**
 * Runs axe-core (WCAG 2.1 A and AA rules) in a playwright-core page or frame and lists the serious
 * and critical violations, one readable string each, so a failing test says what to fix:
 *
 *   expect(await seriousAxeViolations(page)).toEqual([]);
 *
 * axe is injected into every frame under the target, so an iframe's content (the widget) is checked
 * with its host page.
 */
import axe from 'axe-core';
import type { AxeResults, NodeResult } from 'axe-core';
import type { Frame, Page } from 'playwright-core';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const REPORTED_IMPACTS = new Set(['serious', 'critical']);
/** Nodes listed per rule; the rest are counted, so one bad colour token does not flood the output. */
const NODES_PER_RULE = 5;

export async function seriousAxeViolations(target: Page | Frame): Promise<string[]> {
  const topFrame = 'mainFrame' in target ? target.mainFrame() : target;
  await Promise.all(framesUnder(topFrame).map(injectAxe));
  const results: AxeResults = await topFrame.evaluate(
    (tags) =>
      (window as unknown as { axe: typeof axe }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
        iframes: true,
      }),
    WCAG_21_AA,
  );
  return describeViolations(results);
}

function framesUnder(frame: Frame): Frame[] {
  return [frame, ...frame.childFrames().flatMap(framesUnder)];
}

async function injectAxe(frame: Frame): Promise<void> {
  if (frame.isDetached()) return;
  const loaded = await frame.evaluate(() => 'axe' in window);
  if (!loaded) await frame.evaluate(axe.source);
}

function describeViolations(results: AxeResults): string[] {
  return results.violations
    .filter((violation) => REPORTED_IMPACTS.has(violation.impact ?? ''))
    .map((violation) => {
      const nodes = violation.nodes.slice(0, NODES_PER_RULE).map(describeNode);
      const more = violation.nodes.length - nodes.length;
      return [
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.helpUrl}`,
        ...nodes,
        ...(more > 0 ? [`  … and ${more} more`] : []),
      ].join('\n');
    });
}

function describeNode(node: NodeResult): string {
  // A target is one selector per frame; a selector inside a shadow root is a list of its hosts.
  const where = node.target
    .map((part) => (Array.isArray(part) ? part.join(' >>shadow ') : part))
    .join(' >>iframe ');
  const why = (node.failureSummary ?? '')
    .replace(/^Fix (any|all) of the following:\s*/, '')
    .replace(/\s*\n\s*/g, '; ');
  return `  at ${where}: ${why}`;
}
