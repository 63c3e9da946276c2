// The "Get started" walkthrough of package.json: its steps in the order a new user needs them, each with a media
// file that ships, and every button and completion event naming a command that exists (a wrong id would leave a
// button that does nothing and a step that is never ticked).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../projectRoot';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string };
  completionEvents?: string[];
}

interface Manifest {
  contributes: {
    commands: Array<{ command: string }>;
    configuration: { properties: Record<string, unknown> };
    views: Record<string, Array<{ id: string }>>;
    viewsContainers: { activitybar: Array<{ id: string }> };
    walkthroughs: Array<{ id: string; title: string; steps: Step[] }>;
  };
}

describe('the Get started walkthrough', () => {
  const root = projectRoot(__dirname);
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
  const { contributes } = manifest;
  const [walkthrough] = contributes.walkthroughs;
  const commands = new Set(contributes.commands.map((entry) => entry.command));
  // Commands VS Code makes for the contributed view containers and views.
  const viewCommands = new Set([
    ...contributes.viewsContainers.activitybar.map((container) => `workbench.view.extension.${container.id}`),
    ...Object.values(contributes.views).flatMap((views) => views.map((view) => `${view.id}.focus`)),
  ]);
  const views = new Set(Object.values(contributes.views).flatMap((entries) => entries.map((view) => view.id)));

  it('is the one walkthrough, with the steps credentials → regions → switch → architecture → install', () => {
    assert.equal(contributes.walkthroughs.length, 1);
    assert.equal(walkthrough.title, 'Get started with Convox Racks');
    assert.deepEqual(
      walkthrough.steps.map((step) => step.id),
      ['credentials', 'regions', 'switch', 'architecture', 'install'],
    );
  });

  it('gives every step a media file in media/walkthrough/, which the package ships', () => {
    const shipped = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(shipped.includes('!media/**'), '.vscodeignore lets media/ into the package');
    for (const step of walkthrough.steps) {
      const file = step.media.markdown ?? step.media.image ?? '';
      assert.ok(file.startsWith('media/walkthrough/'), `${step.id}: ${file}`);
      assert.ok(fs.statSync(path.join(root, file)).size > 0, `${step.id}: ${file} is empty`);
    }
  });

  it('gives every step a button and a completion event that name real commands, views and settings', () => {
    for (const step of walkthrough.steps) {
      const buttons = [...step.description.matchAll(/\]\(command:([\w.]+)\)/g)].map((match) => match[1]);
      assert.ok(buttons.length > 0, `${step.id} has a button`);
      for (const command of buttons)
        assert.ok(commands.has(command) || viewCommands.has(command), `${step.id}: command ${command}`);
      assert.ok((step.completionEvents ?? []).length > 0, `${step.id} can be completed`);
      for (const event of step.completionEvents ?? []) {
        const [kind, target] = event.split(/:(.*)/s);
        if (kind === 'onCommand') assert.ok(commands.has(target), `${step.id}: ${event}`);
        else if (kind === 'onView') assert.ok(views.has(target), `${step.id}: ${event}`);
        else if (kind === 'onContext')
          assert.match(target, /^convox\.state == ready$/, `${step.id}: the Racks view's state once AWS answered`);
        else if (kind === 'onSettingChanged')
          assert.ok(target in contributes.configuration.properties, `${step.id}: ${event}`);
        else assert.fail(`${step.id}: unexpected completion event ${event}`);
      }
    }
  });
});
