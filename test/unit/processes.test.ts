import * as assert from 'node:assert/strict';
import { appOfService, chunks, processFromTask, shellJoin } from '../../src/model/processes';
import type { ContainerDefinition, RackTask } from '../../src/model/rack';

describe('process COMMAND (like `convox rack ps`)', () => {
  const task: RackTask = {
    taskArn: 'arn:aws:ecs:r:1:task/c/0123456789abcdef',
    container: 'web',
    status: 'running',
    overrideEnvironment: {},
  };
  const definition = (
    command: string[],
    environment: Record<string, string> = {},
    labels: Record<string, string> = {},
  ): ContainerDefinition[] => [{ name: 'web', command, environment, labels }];
  const command = (overrides: Partial<RackTask>, definitions: ContainerDefinition[]): string =>
    processFromTask({ ...task, ...overrides }, definitions, 'production').command;

  describe('the definition command, joined like go-shellquote', () => {
    it('leaves plain words, and characters the shell does not expand, as they are', () => {
      assert.equal(
        shellJoin(['bin/web', '--port', '3000', 'key=value', '%3', 'a~b', 'x]}#']),
        'bin/web --port 3000 key=value %3 a~b x]}#',
      );
      assert.equal(command({}, definition(['bin/web', '--port', '3000'])), 'bin/web --port 3000');
    });
    it('single-quotes a word with a space, tab or newline', () => {
      assert.equal(command({}, definition(['/bin/x', '--banner', 'a b'])), "/bin/x --banner 'a b'");
      assert.equal(shellJoin(['a\tb', 'c\nd']), "'a\tb' 'c\nd'");
    });
    it("writes a single quote as \\' outside the quotes", () => {
      assert.equal(shellJoin(["it's"]), "it\\'s");
      assert.equal(shellJoin(["it's a"]), "'it'\\''s a'");
      assert.equal(shellJoin(["' x '"]), "\\'' x '\\'");
    });
    it('backslash-escapes shell characters in a word without spaces, and only quotes them in one with spaces', () => {
      assert.equal(
        shellJoin(['echo', '$HOME', '${A:-b}', 'a;b', 'a\\b', '"x"', '`id`', '(a|b)&', '<in>', '*?!', '[x']),
        'echo \\$HOME \\$\\{A:-b} a\\;b a\\\\b \\"x\\" \\`id\\` \\(a\\|b\\)\\& \\<in\\> \\*\\?\\! \\[x',
      );
      assert.equal(shellJoin(['echo $HOME; ls']), "'echo $HOME; ls'");
    });
    it('escapes ~ only at the start of a word', () => {
      assert.equal(shellJoin(['~/bin', 'a~b', '~ x']), "\\~/bin a~b '~ x'");
    });
    it("writes an empty word as ''", () => {
      assert.equal(command({}, definition(['run', '', 'x'])), "run '' x");
    });
    it('is empty without a command', () => {
      assert.equal(command({}, definition([])), '');
      assert.equal(command({}, []), '');
    });
  });

  describe('which command wins', () => {
    it('shows nothing for a task convox started for the app (startedBy convox.<APP>)', () => {
      const billing = definition(['bin/web'], { APP: 'billing' });
      assert.equal(command({ startedBy: 'convox.billing' }, billing), '');
      assert.equal(command({ startedBy: 'convox.shop' }, billing), 'bin/web');
      assert.equal(command({ startedBy: 'ecs-svc/123' }, billing), 'bin/web');
    });
    it('compares startedBy with the APP environment variable, not the convox.app label', () => {
      assert.equal(
        command({ startedBy: 'convox.shop' }, definition(['bin/web'], {}, { 'convox.app': 'shop' })),
        'bin/web',
      );
      assert.equal(
        command(
          { startedBy: 'convox.shop', overrideEnvironment: { APP: 'shop' } },
          definition(['bin/web'], {}, { 'convox.app': 'shop' }),
        ),
        '',
      );
    });
    it('shows only the script of a three-word override (sh -c "…"), unquoted', () => {
      assert.equal(
        command({ overrideCommand: ['sh', '-c', 'echo "hi" && sleep 1'] }, definition(['bin/web'])),
        'echo "hi" && sleep 1',
      );
      assert.equal(
        command(
          { startedBy: 'convox.billing', overrideCommand: ['sh', '-c', 'bin/migrate'] },
          definition(['bin/web'], { APP: 'billing' }),
        ),
        'bin/migrate',
      );
    });
    it('ignores an override of any other length, as rack does', () => {
      assert.equal(
        command({ overrideCommand: ['bin/migrate', '--all'] }, definition(['bin/web', 'a b'])),
        "bin/web 'a b'",
      );
      assert.equal(command({ overrideCommand: ['sh', '-c', 'x', 'y'] }, definition(['bin/web'])), 'bin/web');
      assert.equal(
        command(
          { overrideCommand: ['bin/migrate'], startedBy: 'convox.billing' },
          definition(['bin/web'], { APP: 'billing' }),
        ),
        '',
      );
    });
    it('shows a COMMAND environment variable from the definition over everything else', () => {
      const withCommand = definition(['bin/web'], { APP: 'billing', COMMAND: 'bin/worker --queue a' });
      assert.equal(command({}, withCommand), 'bin/worker --queue a');
      assert.equal(
        command({ startedBy: 'convox.billing', overrideCommand: ['sh', '-c', 'bin/migrate'] }, withCommand),
        'bin/worker --queue a',
      );
    });
    it("shows a task override's COMMAND over the definition's, unless it is empty", () => {
      const withCommand = definition(['bin/web'], { COMMAND: 'bin/worker' });
      assert.equal(
        command(
          { overrideEnvironment: { COMMAND: 'bin/once' }, overrideCommand: ['sh', '-c', 'bin/migrate'] },
          withCommand,
        ),
        'bin/once',
      );
      assert.equal(command({ overrideEnvironment: { COMMAND: 'bin/once' } }, definition(['bin/web'])), 'bin/once');
      assert.equal(command({ overrideEnvironment: { COMMAND: '' } }, withCommand), 'bin/web');
    });
  });
});

describe('process rows from tasks', () => {
  const task: RackTask = {
    taskArn: 'arn:aws:ecs:r:1:task/c/0123456789abcdef',
    container: 'worker',
    status: 'running',
    overrideEnvironment: {},
  };
  const web: ContainerDefinition = { name: 'web', command: ['bin/web'], environment: {}, labels: {} };
  const worker: ContainerDefinition = {
    name: 'worker',
    command: ['bin/worker'],
    environment: { APP: 'billing', RELEASE: 'RABC' },
    labels: {},
  };

  it('reads the definition of the task’s own container, else the first', () => {
    const row = processFromTask(task, [web, worker], 'production');
    assert.deepEqual(
      [row.id, row.app, row.service, row.release, row.command],
      ['456789abcdef', 'billing', 'worker', 'RABC', 'bin/worker'],
    );
    const other = processFromTask({ ...task, container: 'cron' }, [web, worker], 'production');
    assert.deepEqual([other.app, other.service, other.release, other.command], ['production', 'cron', '', 'bin/web']);
  });

  it('names the service by the definition when the task names no container, else leaves it empty', () => {
    assert.equal(processFromTask({ ...task, container: '' }, [worker], 'production').service, 'worker');
    assert.equal(processFromTask({ ...task, container: '' }, [], 'production').service, '');
  });

  it('shows nothing for a task started by `convox.` when there is no APP, as rack compares with an empty APP', () => {
    assert.equal(processFromTask({ ...task, container: 'web', startedBy: 'convox.' }, [web], 'production').command, '');
    assert.equal(
      processFromTask({ ...task, container: 'web', startedBy: 'convox' }, [web], 'production').command,
      'bin/web',
    );
  });
});

describe('ECS services and their apps', () => {
  it('gives the rack’s own services to the rack', () => {
    assert.equal(appOfService('production-ServiceWebApi-AbC123', 'production'), 'production');
  });

  it('gives a service in an app’s stack to that app, dashes and all', () => {
    assert.equal(appOfService('production-billing-ServiceWeb-1XYZ', 'production'), 'billing');
    assert.equal(appOfService('production-my-app-ServiceWorker-1XYZ', 'production'), 'my-app');
  });

  it('gives no app to a service of another rack, or of no app stack', () => {
    assert.equal(appOfService('staging-billing-ServiceWeb-1XYZ', 'production'), undefined);
    assert.equal(appOfService('production-billing-web', 'production'), undefined);
    assert.equal(appOfService('production-billing-Servicex-1', 'production'), undefined);
    assert.equal(appOfService('production--ServiceWeb-1XYZ', 'production'), undefined);
  });
});

describe('chunks', () => {
  it('splits in order into pieces of the size, the last one shorter', () => {
    assert.deepEqual(chunks([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
    assert.deepEqual(chunks(['a', 'b'], 2), [['a', 'b']]);
    assert.deepEqual(chunks([], 3), []);
  });
});
