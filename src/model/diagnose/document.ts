import type { Diagnosis } from './rules';

/** A fence longer than any run of backticks in the text, so AWS's words cannot end the block. */
function fenced(lines: readonly string[]): string {
  const text = lines.join('\n');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text}\n${fence}`;
}

/** A single line of text for a Markdown heading or paragraph: no line breaks, no markup that starts a block. */
function inline(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/[<>]/g, (character) => (character === '<' ? '‹' : '›'));
}

/** The diagnosis as a Markdown document: problems first, each with its meaning, next step and AWS's words. */
export function diagnosisDocument(diagnosis: Diagnosis, readAt: Date, calls: number): string {
  const parts = [`# ${inline(diagnosis.title)}`, `Read from AWS at ${readAt.toISOString()} in ${calls} calls.`];
  const problems = diagnosis.findings.filter((finding) => finding.severity === 'problem');
  if (problems.length === 0) parts.push('## Nothing wrong found');
  diagnosis.findings.forEach((finding, index) => {
    const mark = finding.severity === 'problem' ? 'Problem' : 'Note';
    parts.push(
      `## ${index + 1}. ${mark}: ${inline(finding.title)}`,
      `**What it means:** ${inline(finding.meaning)}`,
      `**What to do next:** ${inline(finding.next)}`,
    );
    if (finding.evidence.length > 0) parts.push('**What AWS says:**', fenced(finding.evidence));
  });
  parts.push('## What was checked', diagnosis.checked.map((line) => `- ${inline(line)}`).join('\n'));
  return `${parts.join('\n\n')}\n`;
}
