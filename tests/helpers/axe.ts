/**
 * Runs axe-core (WCAG 2.1 A and AA rules) in a playwright-core page or frame and lists the serious
 * and critical violations, one readable string each, so a failing test says what to fix:
 *
 *   expect(await seriousAxeViolations(page)).toEqual([]);
 *   expect(await seriousAxeViolations(page, { exclude: ['[data-hearth]'] })).toEqual([]);
 *
 * axe is injected into every frame under the target, so an iframe's content (the widget) is checked
 * with its host page; `exclude` leaves out elements (and the frames inside them) by CSS selector.
 */
import axe from 'axe-core';
import type { AxeResults, ContextObject, NodeResult } from 'axe-core';
import type { Frame, Page } from 'playwright-core';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const REPORTED_IMPACTS = new Set(['serious', 'critical']);
/** Nodes listed per rule; the rest are counted, so one bad colour token does not flood the output. */
const NODES_PER_RULE = 5;

export interface AxeScope {
  /** CSS selectors of the parts to check (default: the whole document). */
  include?: string[];
  /** CSS selectors of parts to leave out. */
  exclude?: string[];
}

export async function seriousAxeViolations(
  target: Page | Frame,
  scope: AxeScope = {},
): Promise<string[]> {
  const topFrame = 'mainFrame' in target ? target.mainFrame() : target;
  await Promise.all(framesUnder(topFrame).map(injectAxe));
  const context = scope.include
    ? { include: scope.include, exclude: scope.exclude ?? [] }
    : { exclude: scope.exclude ?? [] };
  const results: AxeResults = await topFrame.evaluate(
    ({ context, tags }) =>
      (window as unknown as { axe: typeof axe }).axe.run(context as ContextObject, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
        iframes: true,
      }),
    { context, tags: WCAG_21_AA },
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
