/* net.c: http client set-up for the network verbs. */
#include "net.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static bool drawn;

static long env_ms(const char *name, long dflt)
{
	const char *v = getenv(name);
	char *end;
	double d;

	if (!v || !*v)
		return dflt;
	d = strtod(v, &end);
	if (*end || d < 0 || d > 86400)
		return dflt;
	return (long)(d * 1000.0 + 0.5);
}

static void progress(void *ctx, const char *url, size_t bytes, size_t done, size_t total)
{
	const char *tail = strrchr(url, '/');
	(void)ctx;
	if (total > 1)
		fprintf(stderr, "\rfetching %zu/%zu, %zu KiB ", done, total, bytes / 1024);
	else
		fprintf(stderr, "\rfetching %s: %zu KiB ", tail ? tail + 1 : url, bytes / 1024);
	fputs("\033[K", stderr);
	drawn = true;
}

static void trace(void *ctx, const char *line)
{
	(void)ctx;
	cli_net_done();
	fprintf(stderr, "spacelock: %s\n", line);
}

void cli_net_done(void)
{
	if (drawn)
		fputs("\r\033[K", stderr);
	drawn = false;
}

static long long mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The command's deadline is one budget from its first request: a command
 * that opens two clients (diff fetches two Spaces) gets no second one. */
static long deadline_left_ms(void)
{
	static long long end;
	long long now = mono_ms();

	if (!end)
		end = now + env_ms("SPACELOCK_DEADLINE", 180000);
	return end - now > 1 ? (long)(end - now) : 1;
}

int cli_net_open(struct sl_cli *cli, int concurrency, struct sl_http **out, struct sl_err *err)
{
	struct sl_http_opts o;
	long retries = env_ms("SPACELOCK_RETRIES", -1000);

	memset(&o, 0, sizeof(o));
	o.connect_timeout_ms = env_ms("SPACELOCK_CONNECT_TIMEOUT", 0);
	o.read_timeout_ms = env_ms("SPACELOCK_TIMEOUT", 0);
	o.max_retry_wait_ms = env_ms("SPACELOCK_RETRY_WAIT_MAX", 0);
	o.deadline_ms = deadline_left_ms();
	o.low_speed_bps = env_ms("SPACELOCK_LOW_SPEED", 0) / 1000;
	o.low_speed_time_ms = env_ms("SPACELOCK_LOW_SPEED_TIME", 0);
	if (retries >= 0)
		o.max_retries = retries == 0 ? -1 : (int)(retries / 1000);
	o.max_concurrency = concurrency;
	if (!cli->quiet && isatty(2))
		o.progress = progress;
	if (cli->verbose)
		o.trace = trace;
	return sl_http_new(&o, out, err);
}

void cli_net_hub_opts(struct sl_hub_opts *o)
{
	const char *max = getenv("SPACELOCK_LOG_MAX_BYTES");
	char *end;

	o->log_idle_ms = env_ms("SPACELOCK_LOG_IDLE", 0);
	o->log_total_ms = env_ms("SPACELOCK_LOG_MAX_TIME", 0);
	if (max && *max >= '0' && *max <= '9') {
		unsigned long long n = strtoull(max, &end, 10);
		o->log_max = *end ? 0 : (size_t)n;
	}
}
