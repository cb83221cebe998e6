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

/* Merges s->obs and the log facts into s->lock. */
void snap_merge(struct snap *s);

#endif
