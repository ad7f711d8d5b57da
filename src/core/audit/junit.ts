/**
 * The audit as JUnit XML, the format CI systems show as test results: one testsuite, one
 * testcase per check; a failed check is a <failure>, a warning is printed to <system-out>,
 * a check that could not run is <skipped>. Every text goes through xmlEscape.
 */
import type { AuditReport } from '../../shared/audit-models'

// Characters XML 1.0 cannot hold at all (even escaped): C0 controls but tab, CR, LF; lone surrogates; U+FFFE/F.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

export function xmlEscape(text: string): string {
  return text
    .replace(NOT_XML, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

export function toJUnitXml(report: AuditReport): string {
  const seconds = (Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuite name="${xmlEscape(`kyc-hooks audit ${report.url}`)}" tests="${report.checks.length}" failures="${report.summary.fail}" errors="0" skipped="${report.summary.skip}" timestamp="${xmlEscape(report.startedAt)}" time="${seconds.toFixed(3)}">`
  ]
  for (const check of report.checks) {
    const name = xmlEscape(`${check.number}. ${check.title}`)
    lines.push(`  <testcase classname="kyc-hooks.audit.${check.id}" name="${name}">`)
    const detail = [check.message, `Rule: ${check.rule}`, `Fix: ${check.fix}`, ...check.probes.map((p) => `- ${p.label}: ${p.status} (${p.responseCode ?? p.error ?? 'no answer'}), delivery ${p.deliveryId ?? '-'}`)].join('\n')
    if (check.status === 'fail') lines.push(`    <failure message="${xmlEscape(check.message)}" type="${check.id}">${xmlEscape(detail)}</failure>`)
    if (check.status === 'skip') lines.push(`    <skipped message="${xmlEscape(check.message)}"/>`)
    if (check.status === 'warn') lines.push(`    <system-out>${xmlEscape(`WARNING: ${detail}`)}</system-out>`)
    lines.push('  </testcase>')
  }
  lines.push('</testsuite>', '')
  return lines.join('\n')
}
