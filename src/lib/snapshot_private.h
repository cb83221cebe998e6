/* snapshot_private.h: what snapshot.c (gathering) and snapshot_merge.c
 * (deciding) share. */
#ifndef SPACELOCK_SNAPSHOT_PRIVATE_H
#define SPACELOCK_SNAPSHOT_PRIVATE_H

#include <stdbool.h>
#include <sys/types.h>

#include "spacelock/buildlog.h"
#include "spacelock/evidence.h"
#include "spacelock/lock.h"
#include "spacelock/snapshot.h"

struct sl_requirement;

struct snap {
	const struct sl_snapshot_inputs *in;
	struct sl_err *err;
	struct sl_lock *lock;
	struct sl_obs_list obs;	   /* every observation, in input order */
	struct sl_buildlog **logs; /* build and run logs, in input order */
	size_t nlogs, cap_logs;
	/* the log files read, by device and inode: one given twice is read once */
	dev_t *read_dev;
	ino_t *read_ino;
	size_t nread;
	bool sdk_from_log; /* space.sdk came from a build log's platform step */
	char *remedy;	   /* what would show a missing version, made once */
	int listing;	   /* some input lists the environment: 0 not yet known, 1 no, 2 yes */
};

/* Adds a formatted warning to the lock. */
void snap_warn(struct snap *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The version of an exact '==' pin of r (no wildcard), as a new string,
 * or NULL. */
char *snap_exact_pin(const struct sl_requirement *r);

#define REMEDY_CACHED                                                                              \
	"rebuild without cache (Factory rebuild in the Space settings, or restart with "           \
	"factory=true) and snapshot the new build log, or pass `pip freeze` output of the "        \
	"running Space (--freeze, or printed by the app at start-up into its run log)"
#define REMEDY_UNREAD                                                                              \
	"pass the log as the Space page shows it, without the indentation or quoting a paste "     \
	"added"
#define REMEDY_FAILED "fix the build, rebuild, and snapshot the log of a successful build"
#define REMEDY_PYTHON                                                                              \
	"pass the build log (--build-log): its '--> FROM' line names the interpreter, or declare " \
	"python_version in the card"

/* Does some input list the whole installed environment? */
bool snap_has_listing(struct snap *s);

/* The remedy for a version no input shows, never asking for what was
 * passed already. */
const char *snap_remedy_version(struct snap *s);

/* Records an unknown in the lock: what, a formatted reason, the remedy. */
void snap_incomplete(struct snap *s, const char *what, const char *remedy, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The logs' runtime, steps, failures and contradictions (snapshot_logs.c). */
void snap_merge_logs(struct snap *s);

/* Merges s->obs and the log facts into s->lock. */
void snap_merge(struct snap *s);

#endif
