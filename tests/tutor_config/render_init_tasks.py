"""Print, as JSON, the init tasks `tutor local do init` would run for the Tutor root $TUTOR_ROOT.

Run as a separate process by the tests (Tutor keeps hooks in global state, so the test process
never imports it): the real Tutor loads the plugins enabled in config.yml, the core tasks are
registered as on the command line, and every script is rendered with the root's configuration.
Output: a list of {"service", "script", "plugin"} in execution order ("plugin" is "ppta" for ours).
"""

import json
import os

import tutor.commands.cli  # noqa: F401  (registers the core init tasks and template helpers)
from tutor import config as tutor_config
from tutor import env, hooks


def main() -> None:
    root = os.environ["TUTOR_ROOT"]
    hooks.Actions.CORE_READY.do()
    hooks.Actions.PROJECT_ROOT_READY.do(root)
    config = tutor_config.load_full(root)
    ours = list(hooks.Filters.CLI_DO_INIT_TASKS.iterate_from_context(hooks.Contexts.app("ppta").name))
    tasks = []
    for service, script in hooks.Filters.CLI_DO_INIT_TASKS.iterate():
        plugin = "ppta" if (service, script) in ours else ""
        tasks.append({"service": service, "script": env.render_str(config, script), "plugin": plugin})
    print(json.dumps(tasks))


if __name__ == "__main__":
    main()
