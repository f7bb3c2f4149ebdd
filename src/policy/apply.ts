// Applies the policy to a run's findings: inline and configured suppressions (with reasons and expiry),
// the baseline, and findings about suppressions that are invalid or unused.
import { makeFinding, type Finding } from '../engine/finding';
import { render } from '../engine/render';
import type { SourceLocation } from '../model/inventory';
import { fingerprint } from '../engine/fingerprint';
import type { Baseline } from './baseline';
import type { Config, ConfigSuppression } from './config';
import type { AddressPattern } from './glob';
import type { InlineSuppression } from '../loaders/hcl/inline-suppressions';
import { POLICY_RULE } from './policy-rule';

export interface InlineAt {
  suppressions: InlineSuppression[];
  location?: SourceLocation;
}

function policyFinding(
  messageId: 'invalid' | 'unused' | 'sourcesUnread',
  data: Record<string, string>,
  input: string,
  address: string,
  location: SourceLocation | undefined,
): Finding {
  return makeFinding({
    ruleId: POLICY_RULE.id,
    rule: POLICY_RULE.name,
    severity: messageId === 'invalid' ? 'error' : 'note',
    messageId,
    message: render(POLICY_RULE.messages[messageId], data),
    input,
    address,
    location: location ?? null,
    remediation: POLICY_RULE.remediation,
  });
}

function where(location: SourceLocation | undefined): string {
  return location ? `${location.file}:${location.line}` : 'code';
}

/** A finding accepted in code by the CDKTF guard's options: still reported, as suppressed, with the reason. */
export interface Acknowledgement {
  /** Rule id, e.g. `OPG001`. */
  rule: string;
  /** Terraform address (`okta_push_group.eng`, `okta_push_group.eng["ops"]`) or construct path it applies to; all of the rule's findings when absent. */
  address?: string;
  /** Why this is acceptable, for the record. Required. */
  reason: string;
}

export const ACKNOWLEDGEMENT_SOURCE = 'OktaPushGuard acknowledgement';

function withoutIndex(address: string): string {
  return address.replace(/\[[^\]]*\]$/, '');
}

function acknowledges(a: Acknowledgement, finding: Finding): boolean {
  return (
    a.rule === finding.ruleId &&
    (a.address === undefined || a.address === finding.address || a.address === withoutIndex(finding.address) || a.address === finding.location?.constructPath)
  );
}

export class Policy {
  private readonly patterns: { suppression: ConfigSuppression; pattern: AddressPattern }[];
  private readonly used = new Set<ConfigSuppression>();
  private readonly acknowledged = new Set<Acknowledgement>();

  /** `today` is YYYY-MM-DD: a suppression applies through its `until` day. */
  constructor(
    private readonly today: string,
    private readonly config?: Config,
    private readonly baseline?: Baseline,
    private readonly acknowledgements: readonly Acknowledgement[] = [],
  ) {
    // The address globs are loaded only when the configuration suppresses something.
    this.patterns = (config?.suppressions ?? []).map((suppression) => ({ suppression, pattern: (require('./glob') as typeof import('./glob')).addressPattern(suppression.address) }));
  }

  private live(until: string | undefined): boolean {
    return until === undefined || until >= this.today;
  }

  /** Marks suppressed findings and returns them with the input's own policy findings. */
  apply(findings: Finding[], input: string, inline: ReadonlyMap<string, InlineAt>): Finding[] {
    const usedInline = new Set<InlineSuppression>();
    const expiredNote = (reason: string, until: string): string => ` A suppression ("${reason}") expired on ${until}.`;
    for (const finding of findings) {
      const at = inline.get(finding.address);
      const inlineMatches = (at?.suppressions ?? []).filter((s) => !s.problem && s.rules.includes(finding.ruleId));
      // A configured suppression that matches is in use even where an inline one takes precedence.
      const configMatches = this.patterns.filter((p) => p.suppression.rule === finding.ruleId && p.pattern.test(finding.address)).map((p) => p.suppression);
      configMatches.forEach((s) => this.used.add(s));
      const inlineLive = inlineMatches.find((s) => this.live(s.until));
      if (inlineLive) {
        usedInline.add(inlineLive);
        finding.suppressed = { reason: inlineLive.reason!, source: `inline comment at ${where(at?.location)}` };
        continue;
      }
      const ack = this.acknowledgements.find((a) => acknowledges(a, finding));
      if (ack) {
        this.acknowledged.add(ack);
        finding.suppressed = { reason: ack.reason, source: ACKNOWLEDGEMENT_SOURCE };
        continue;
      }
      const configLive = configMatches.find((s) => this.live(s.until));
      if (configLive) {
        finding.suppressed = { reason: configLive.reason, source: `${this.config!.file}${configLive.owner ? ` (owner ${configLive.owner})` : ''}` };
        continue;
      }
      const expired = [...inlineMatches, ...configMatches].find((s) => s.until !== undefined && !this.live(s.until));
      if (expired) finding.message += expiredNote(expired.reason ?? '', expired.until!);
      if (this.baseline?.fingerprints.has(fingerprint(finding))) {
        finding.suppressed = { reason: 'recorded in the baseline', source: `baseline ${this.baseline.file}` };
      }
    }
    const policy: Finding[] = [];
    // Instances of one block share its suppressions: judge each suppression once, on the block.
    const judged = new Set<InlineSuppression>();
    for (const [instance, at] of inline) {
      const address = instance.replace(/\[[^\]]*\]$/, '');
      for (const s of at.suppressions) {
        if (judged.has(s)) continue;
        judged.add(s);
        if (s.problem) policy.push(policyFinding('invalid', { address: `\`${address}\``, problem: s.problem }, input, address, at.location));
        else if (!usedInline.has(s) && this.live(s.until)) {
          policy.push(policyFinding('unused', { rule: s.rules.join(', '), address: `\`${address}\``, source: `inline comment at ${where(at.location)}` }, input, address, at.location));
        }
      }
    }
    return [...findings, ...policy];
  }

  /** A plan's or state's sources, read only for locations and inline suppressions, could not be read. */
  sourcesUnread(input: string, sources: string, problem: string): Finding {
    return policyFinding('sourcesUnread', { sources, problem }, input, sources, undefined);
  }

  /** Configured suppressions and acknowledgements that matched no finding in the whole run. */
  unused(): Finding[] {
    const configured = this.config
      ? this.patterns
          .filter((p) => !this.used.has(p.suppression))
          .map((p) =>
            policyFinding('unused', { rule: p.suppression.rule, address: `\`${p.suppression.address}\``, source: this.config!.file }, this.config!.file, p.suppression.address, undefined),
          )
      : [];
    const acknowledged = this.acknowledgements
      .filter((a) => !this.acknowledged.has(a))
      .map((a) => {
        const address = a.address ?? '*';
        return policyFinding('unused', { rule: a.rule, address: `\`${address}\``, source: ACKNOWLEDGEMENT_SOURCE }, ACKNOWLEDGEMENT_SOURCE, address, undefined);
      });
    return [...configured, ...acknowledged];
  }
}
