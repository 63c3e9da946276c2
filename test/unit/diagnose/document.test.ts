import * as assert from 'node:assert/strict';
import { diagnosisDocument } from '../../../src/model/diagnose/document';
import type { Diagnosis, Finding } from '../../../src/model/diagnose/rules';
import { readAt } from './evidence';

const finding = (changes: Partial<Finding>): Finding => ({
  severity: 'problem',
  title: 'A title',
  meaning: 'A meaning.',
  next: 'A next step.',
  evidence: [],
  ...changes,
});

const rendered = (findings: Finding[], checked = ['the stack']): string =>
  diagnosisDocument({ title: 'Why is acme/production updating?', findings, checked }, readAt, 7);

describe('diagnosis document', () => {
  it('numbers the findings, marks problems and notes, and fences AWS’s words line by line', () => {
    const diagnosis: Diagnosis = {
      title: 'Why is acme/production updating?',
      findings: [
        finding({
          title: 'The last update failed',
          meaning: 'CloudFormation undid it.',
          next: 'Update again.',
          evidence: ['production UPDATE_ROLLBACK_COMPLETE', 'Instances UPDATE_FAILED: no signal'],
        }),
        finding({ severity: 'note', title: 'Could not read the monitor', meaning: 'Missing.', next: 'Retry.' }),
      ],
      checked: ['CloudFormation stack production', 'ECS: no cluster found'],
    };
    assert.equal(
      diagnosisDocument(diagnosis, readAt, 7),
      [
        '# Why is acme/production updating?',
        'Read from AWS at 2025-06-01T12:00:00.000Z in 7 calls.',
        '## 1. Problem: The last update failed',
        '**What it means:** CloudFormation undid it.',
        '**What to do next:** Update again.',
        '**What AWS says:**',
        '```text\nproduction UPDATE_ROLLBACK_COMPLETE\nInstances UPDATE_FAILED: no signal\n```',
        '## 2. Note: Could not read the monitor',
        '**What it means:** Missing.',
        '**What to do next:** Retry.',
        '## What was checked',
        '- CloudFormation stack production\n- ECS: no cluster found',
      ].join('\n\n') + '\n',
    );
  });

  it('says nothing wrong was found when there are only notes', () => {
    const notes = rendered([finding({ severity: 'note', title: 'Could not read the monitor' })]);
    assert.match(notes, /calls\.\n\n## Nothing wrong found\n\n## 1\. Note: Could not read the monitor\n/);
    assert.doesNotMatch(rendered([finding({})]), /Nothing wrong found/);
  });

  it('makes a fence longer than any run of backticks in AWS’s words, and at least three', () => {
    const fenceOf = (line: string): string => /\n(`+)text\n/.exec(rendered([finding({ evidence: [line] })]))?.[1] ?? '';
    assert.equal(fenceOf('no backticks'), '```');
    assert.equal(fenceOf('a `code` and ``more``'), '```');
    assert.equal(fenceOf('a ```` run of four'), '`````');
  });

  it('keeps titles, meanings, next steps and checks on one line, without HTML', () => {
    const text = rendered(
      [
        finding({
          title: 'Rack  \n  <b>broken</b>',
          meaning: 'line one\nline two',
          next: 'step\t\n\tthen <more>',
        }),
      ],
      ['checked \n stack'],
    );
    assert.match(text, /\n## 1\. Problem: Rack ‹b›broken‹\/b›\n/);
    assert.match(text, /\n\*\*What it means:\*\* line one line two\n/);
    assert.match(text, /\n\*\*What to do next:\*\* step then ‹more›\n/);
    assert.match(text, /\n- checked stack\n$/);
  });
});
