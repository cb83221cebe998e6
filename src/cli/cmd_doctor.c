/* cmd_doctor.c: `spacelock doctor [DIR | OWNER/NAME] [--log FILE]...
 * [--source OWNER/NAME | --lock LOCK]`: the duplicate-and-troubleshoot
 * guide's mechanical part.  The checks, the quota explanation and the
 * failure classification are the library's (doctor.h, failrules.h); this
 * file gathers the inputs (a checkout, a Space fetched from the Hub, log
 * files, the source's lock) and prints. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "commands.h"
#include "hubfetch.h"
#include "spacelock/buf.h"
#include "spacelock/diff.h"
#include "spacelock/doctor.h"
#include "spacelock/failrules.h"
#include "spacelock/hub.h"
#include "spacelock/lock.h"
#include "spacelock/lockfile.h"
#include "spacelock/snapshot.h"

const char cmd_doctor_summary[] = "lint a Space, explain its ZeroGPU quota, classify why it failed";

const char cmd_doctor_usage[] =
    "usage: spacelock doctor [DIR | OWNER/NAME] [--log FILE]...\n"
    "                        [--source OWNER/NAME | --lock LOCK] [--json]\n\n"
    "Does the mechanical part of duplicating and troubleshooting a Space\n"
    "(docs/commands/doctor.md):\n"
    "  - lints the Space checkout DIR (default: the current directory when it is\n"
    "    one): the card (sdk, sdk_version, python_version, ZeroGPU needs),\n"
    "    requirements.txt (unpinned lines, moving git branches, a gradio line\n"
    "    against sdk_version, a pinned spaces, torch builds that do not fit the\n"
    "    hardware) and the app's Python read as text (@spaces.GPU durations, CUDA\n"
    "    touched before `import spaces`, the secrets it reads, X-IP-Token);\n"
    "  - explains what each @spaces.GPU call costs in quota, per account tier;\n"
    "  - for OWNER/NAME, reads the Hub's runtime stage and error, fetches the\n"
    "    Space and its logs, and lints and classifies them;\n"
    "  - classifies each --log FILE (build or run log) into one bucket with its\n"
    "    ordered next steps; the earliest cause in the logs wins;\n"
    "  - with --source or --lock, what the duplication checklist catches against\n"
    "    the source: hardware, secret names, sdk, Python, and diff's top findings.\n\n"
    "  --log FILE         a build or run log to classify (repeatable)\n"
    "  --source SPACE     the Space this one was duplicated from\n"
    "  --lock LOCK        the source as a lockfile (spacelock snapshot)\n"
    "  --json             {\"findings\":[{id,severity,file,line,message,fix}],\n"
    "                     \"bucket\":ID|null,\"steps\":[...],\"quota\":...}\n"
    "  --token-file FILE  the Hub token (default: HF_TOKEN, then the token file)\n\n"
    "Exit 0 when nothing is wrong at error level, 1 when something is (an\n"
    "error finding or a classified failure), 2 usage, 3 unreadable input,\n"
    "5 network, 6 auth, 7 no such Space.\n";

struct opts {
	const char *target; /* DIR or a Space, or NULL */
	const char **logs;
	size_t n_logs;
	const char *source, *lock, *token_file;
};

static int parse_opts(int argc, char **argv, struct sl_cli *cli, struct opts *o)
{
	static const struct option longopts[] = {
	    {"log", required_argument, NULL, 'l'},
	    {"source", required_argument, NULL, 's'},
	    {"lock", required_argument, NULL, 'k'},
	    {"token-file", required_argument, NULL, 'T'},
	    {NULL, 0, NULL, 0},
	};
	int c;

	o->logs = calloc((size_t)argc + 1, sizeof(*o->logs));
	while ((c = cli_getopt(cli, argc, argv, "", longopts)) != -1) {
		switch (c) {
		case 'l': o->logs[o->n_logs++] = optarg; break;
		case 's': o->source = optarg; break;
		case 'k': o->lock = optarg; break;
		case 'T': o->token_file = optarg; break;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind > 1)
		return cli_usage(cli, "doctor takes at most one DIR or OWNER/NAME");
	if (o->source && o->lock)
		return cli_usage(cli, "give --source or --lock, not both");
	o->target = argc > optind ? argv[optind] : NULL;
	if (!o->target && sl_snapshot_is_checkout("."))
		o->target = ".";
	if (!o->target && !o->n_logs)
		return cli_usage(cli, "nothing to examine: give a Space checkout DIR, OWNER/NAME "
				      "or --log FILE");
	if ((o->source || o->lock) && !o->target)
		return cli_usage(cli, "--source and --lock compare a Space: give its DIR or "
				      "OWNER/NAME");
	return 0;
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int add_log_file(struct sl_cli *cli, struct sl_doctor *d, const char *path,
			const char *label)
{
	struct sl_err err = {0};

	if (sl_doctor_add_log_file(d, label, path, &err) != 0)
		return cli_fail_input(cli, &err);
	return 0;
}

/* What the Hub said, then its logs: the one the stage points at first. */
static int add_hub_logs(struct sl_cli *cli, struct sl_doctor *d, const struct sl_hubdir *hf)
{
	const struct sl_hub_space *s = &hf->space;
	struct sl_doctor_runtime rt = {s->id, s->stage, s->error_message, s->hardware_requested,
				       s->hardware_current};
	bool run_first = s->stage && strcmp(s->stage, "RUNTIME_ERROR") == 0;
	const char *path[2] = {s->build_log, s->run_log};
	const char *label[2] = {hf->build_label, hf->run_label};
	int rc = 0;

	sl_doctor_add_runtime(d, &rt);
	for (int k = 0; k < 2 && rc == 0; k++) {
		int i = run_first ? 1 - k : k;
		if (path[i])
			rc = add_log_file(cli, d, path[i], label[i]);
	}
	return rc;
}

/* The duplicate as a lock (the checkout, or the fetched Space with its
 * logs) and the source's, compared. */
static int against_source(struct sl_cli *cli, const struct opts *o, struct sl_doctor *d,
			  const char *dir, const struct sl_hubdir *hf)
{
	struct sl_snapshot_inputs in = {0};
	struct sl_lock *dup = NULL, *src = NULL;
	struct sl_diff_rules *rules = NULL;
	struct sl_err err = {0};
	int rc = 0;

	if (hf)
		cli_hub_fetch_inputs(hf, &in);
	else
		in.dir = dir;
	if (sl_snapshot_run(&in, &dup, &err) != 0)
		rc = cli_fail_input(cli, &err);
	else if (o->lock && sl_lockfile_read(o->lock, &src, &err) != 0)
		rc = cli_fail_input(cli, &err);
	else if (o->source)
		rc = cli_hub_snapshot(cli, o->source, NULL, o->token_file, &src);
	if (rc == 0 && sl_diff_rules_load(&rules, &err) != 0)
		rc = cli_fail_exit(cli, &err, EXIT_INTERNAL);
	if (rc == 0) {
		struct sl_diff *diff =
		    sl_diff_compare(src, o->source ? o->source : o->lock, dup, o->target, rules);
		sl_doctor_add_diff(d, diff);
		sl_diff_free(diff);
	}
	sl_diff_rules_free(rules);
	sl_lock_free(dup);
	sl_lock_free(src);
	return rc;
}

/* The target: a checkout, or a Space fetched with its logs. */
static int examine(struct sl_cli *cli, const struct opts *o, struct sl_doctor *d)
{
	struct sl_hubdir hf = {0};
	struct sl_err err = {0};
	bool hub = !is_dir(o->target);
	int rc = 0;

	if (hub && (rc = cli_hub_fetch(cli, o->target, NULL, o->token_file, NULL, &hf)) != 0)
		return rc;
	if (hub)
		rc = add_hub_logs(cli, d, &hf);
	if (rc == 0 &&
	    sl_doctor_lint_dir(d, hub ? hf.dir : o->target, hub ? hf.space.hardware : NULL,
			       hub ? SL_DOCTOR_NO_APP_CODE : 0, &err) != 0)
		rc = cli_fail_input(cli, &err);
	if (rc == 0 && (o->source || o->lock))
		rc = against_source(cli, o, d, o->target, hub ? &hf : NULL);
	sl_hubdir_release(&hf);
	return rc;
}

int cmd_doctor(int argc, char **argv, struct sl_cli *cli)
{
	struct opts o = {0};
	struct sl_failrules *fr = NULL;
	struct sl_doctor *d = NULL;
	struct sl_buf out = SL_BUF_INIT;
	struct sl_err err = {0};
	int rc;

	if ((rc = parse_opts(argc, argv, cli, &o)) != 0)
		goto out;
	if (sl_failrules_load(&fr, &err) != 0) {
		rc = cli_fail_exit(cli, &err, EXIT_INTERNAL); /* a broken built-in data file */
		goto out;
	}
	d = sl_doctor_new(fr);
	for (size_t i = 0; i < o.n_logs && rc == 0; i++)
		rc = add_log_file(cli, d, o.logs[i], o.logs[i]);
	if (rc == 0 && o.target)
		rc = examine(cli, &o, d);
	if (rc)
		goto out;
	if (cli->json)
		sl_doctor_render_json(d, &out);
	else
		sl_doctor_render_text(d, &out);
	cli_print(out.buf, out.len);
	rc = sl_doctor_failed(d) ? EXIT_FINDING : EXIT_OK_;
out:
	sl_buf_release(&out);
	sl_doctor_free(d);
	sl_failrules_free(fr);
	free(o.logs);
	return rc;
}
