/* marker_env.c: the target environment markers are evaluated against.
 * The default is the Space (CPython 3.10.12 on linux x86_64), never the
 * machine spacelock runs on. */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pep508_private.h"
#include "spacelock/mem.h"
#include "spacelock/json.h"

static const char *const var_names[VAR_COUNT] = {
    [VAR_PYTHON_VERSION] = "python_version",
    [VAR_PYTHON_FULL_VERSION] = "python_full_version",
    [VAR_OS_NAME] = "os_name",
    [VAR_SYS_PLATFORM] = "sys_platform",
    [VAR_PLATFORM_RELEASE] = "platform_release",
    [VAR_PLATFORM_SYSTEM] = "platform_system",
    [VAR_PLATFORM_VERSION] = "platform_version",
    [VAR_PLATFORM_MACHINE] = "platform_machine",
    [VAR_PLATFORM_PYTHON_IMPLEMENTATION] = "platform_python_implementation",
    [VAR_IMPLEMENTATION_NAME] = "implementation_name",
    [VAR_IMPLEMENTATION_VERSION] = "implementation_version",
    [VAR_EXTRA] = "extra",
    [VAR_EXTRAS] = "extras",
    [VAR_DEPENDENCY_GROUPS] = "dependency_groups",
};

static const char *const defaults[VAR_FIRST_SET] = {
    [VAR_PYTHON_VERSION] = "3.10",
    [VAR_PYTHON_FULL_VERSION] = "3.10.12",
    [VAR_OS_NAME] = "posix",
    [VAR_SYS_PLATFORM] = "linux",
    [VAR_PLATFORM_RELEASE] = "",
    [VAR_PLATFORM_SYSTEM] = "Linux",
    [VAR_PLATFORM_VERSION] = "",
    [VAR_PLATFORM_MACHINE] = "x86_64",
    [VAR_PLATFORM_PYTHON_IMPLEMENTATION] = "CPython",
    [VAR_IMPLEMENTATION_NAME] = "cpython",
    [VAR_IMPLEMENTATION_VERSION] = "3.10.12",
    [VAR_EXTRA] = "",
};

const char *pep508_var_name(enum pep508_var v)
{
	return var_names[v];
}

int pep508_var_lookup(const char *name, size_t len)
{
	for (int v = 0; v < VAR_COUNT; v++)
		if (strlen(var_names[v]) == len && memcmp(var_names[v], name, len) == 0)
			return v;
	return -1;
}

int pep508_var_from_token(const char *tok, size_t len)
{
	char buf[40];

	if (len >= sizeof(buf))
		return -1;
	memcpy(buf, tok, len);
	buf[len] = '\0';
	for (size_t i = 0; i < len; i++)
		if (buf[i] == '.')
			buf[i] = '_';
	if (strcmp(buf, "python_implementation") == 0)
		return VAR_PLATFORM_PYTHON_IMPLEMENTATION;
	return pep508_var_lookup(buf, len);
}

struct sl_env *sl_env_new(void)
{
	struct sl_env *env = sl_xcalloc(1, sizeof(*env));

	for (int v = 0; v < VAR_FIRST_SET; v++)
		env->str[v] = sl_xstrdup(defaults[v]);
	return env;
}

static void set_release(struct env_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->items[i]);
	free(s->items);
	memset(s, 0, sizeof(*s));
}

static void set_assign(struct env_set *s, const char *const *names, size_t n)
{
	set_release(s);
	s->defined = true;
	s->n = n;
	s->items = n ? sl_xcalloc(n, sizeof(char *)) : NULL;
	for (size_t i = 0; i < n; i++)
		s->items[i] = sl_xstrdup(names[i]);
}

struct sl_env *sl_env_copy(const struct sl_env *env)
{
	struct sl_env *c = sl_xcalloc(1, sizeof(*c));

	for (int v = 0; v < VAR_FIRST_SET; v++)
		c->str[v] = sl_xstrdup(env->str[v]);
	for (int i = 0; i < VAR_COUNT - VAR_FIRST_SET; i++)
		if (env->set[i].defined)
			set_assign(&c->set[i], (const char *const *)env->set[i].items,
				   env->set[i].n);
	return c;
}

void sl_env_free(struct sl_env *env)
{
	if (!env)
		return;
	for (int v = 0; v < VAR_FIRST_SET; v++)
		free(env->str[v]);
	for (int i = 0; i < VAR_COUNT - VAR_FIRST_SET; i++)
		set_release(&env->set[i]);
	free(env);
}

/* A key as sl_env_set accepts it: canonical names and the PEP 345 and
 * setuptools aliases. */
static int key_var(const char *key)
{
	return pep508_var_from_token(key, strlen(key));
}

int sl_env_set(struct sl_env *env, const char *key, const char *value, struct sl_err *err)
{
	int v = key_var(key);

	if (v < 0)
		return sl_error(err, SL_EINVAL, "unknown environment key '%s'", key);
	if (v >= VAR_FIRST_SET)
		return sl_error(err, SL_EINVAL, "environment key '%s' is a list, not a string",
				key);
	free(env->str[v]);
	env->str[v] = sl_xstrdup(value);
	return 0;
}

const char *sl_env_get(const struct sl_env *env, const char *key)
{
	int v = key_var(key);

	return v >= 0 && v < VAR_FIRST_SET ? env->str[v] : NULL;
}

int sl_env_set_list(struct sl_env *env, const char *key, const char *const *names, size_t n,
		    struct sl_err *err)
{
	int v = key_var(key);

	if (v < VAR_FIRST_SET)
		return sl_error(err, SL_EINVAL, "environment key '%s' is not a list variable", key);
	set_assign(&env->set[v - VAR_FIRST_SET], names, n);
	return 0;
}

/* Digits at *p (at least one); advances *p. */
static bool number(const char **p)
{
	const char *s = *p;

	while (**p >= '0' && **p <= '9')
		(*p)++;
	return *p > s;
}

/* X.Y or X.Y.Z[(a|b|rc)N]; *minor_end gets the end of X.Y. */
static bool python_version_ok(const char *s, const char **minor_end)
{
	const char *p = s;

	if (!number(&p) || *p++ != '.' || !number(&p))
		return false;
	*minor_end = p;
	if (*p == '\0')
		return true;
	if (*p++ != '.' || !number(&p))
		return false;
	if (*p == '\0')
		return true;
	if (strncmp(p, "rc", 2) == 0)
		p += 2;
	else if (*p == 'a' || *p == 'b')
		p++;
	else
		return false;
	return number(&p) && *p == '\0';
}

int sl_env_set_python(struct sl_env *env, const char *version, struct sl_err *err)
{
	const char *minor_end;
	char *full;

	if (!python_version_ok(version, &minor_end))
		return sl_error(
		    err, SL_EINVAL,
		    "invalid python version '%s': expected X.Y or X.Y.Z (e.g. 3.12 or 3.10.12)",
		    version);
	full = *minor_end ? sl_xstrdup(version) : sl_xasprintf("%s.0", version);
	free(env->str[VAR_PYTHON_VERSION]);
	env->str[VAR_PYTHON_VERSION] = sl_xstrndup(version, (size_t)(minor_end - version));
	free(env->str[VAR_PYTHON_FULL_VERSION]);
	env->str[VAR_PYTHON_FULL_VERSION] = sl_xstrdup(full);
	free(env->str[VAR_IMPLEMENTATION_VERSION]);
	env->str[VAR_IMPLEMENTATION_VERSION] = full;
	return 0;
}

/* One key of the JSON object, applied to env. */
static int json_apply(struct sl_env *env, const cJSON *item, struct sl_err *err)
{
	const char *key = item->string;
	int v = strcmp(key, "python") == 0 ? -2 : key_var(key);
	size_t n = 0;
	const char **names;
	const cJSON *e;
	int rc;

	if (v == -1)
		return sl_error(err, SL_EPARSE, "unknown environment key '%s'", key);
	if (v < VAR_FIRST_SET) {
		if (!cJSON_IsString(item))
			return sl_error(err, SL_EPARSE, "environment key '%s' needs a string", key);
		rc = v == -2 ? sl_env_set_python(env, item->valuestring, err)
			     : sl_env_set(env, key, item->valuestring, err);
		if (rc < 0 && err)
			err->code = SL_EPARSE;
		return rc < 0 ? SL_EPARSE : 0;
	}
	if (!cJSON_IsArray(item))
		return sl_error(err, SL_EPARSE, "environment key '%s' needs an array of strings",
				key);
	names = sl_xcalloc((size_t)cJSON_GetArraySize(item) + 1, sizeof(char *));
	cJSON_ArrayForEach(e, item)
	{
		if (!cJSON_IsString(e)) {
			free(names);
			return sl_error(err, SL_EPARSE,
					"environment key '%s' needs an array of strings", key);
		}
		names[n++] = e->valuestring;
	}
	sl_env_set_list(env, key, names, n, err);
	free(names);
	return 0;
}

int sl_env_set_json(struct sl_env *env, const char *json, struct sl_err *err)
{
	const struct sl_json_origin at = {"--env", 1, 1};

	return sl_env_set_json_in(env, json, &at, err);
}

/* err's message placed at the key that caused it: "WHAT:LINE:COL: ...". */
static int at_key(const struct sl_json_origin *at, const char *json, const char *key,
		  struct sl_err *err)
{
	char why[SL_ERR_MSG_MAX];
	size_t len = strlen(json);

	if (!err)
		return SL_EPARSE;
	snprintf(why, sizeof(why), "%s", err->msg);
	return sl_json_error_at(err, SL_EPARSE, at, json, sl_json_key_offset(json, len, key), why);
}

int sl_env_set_json_in(struct sl_env *env, const char *json, const struct sl_json_origin *at,
		       struct sl_err *err)
{
	cJSON *root = sl_json_parse_in(json, strlen(json), at, err);
	struct sl_env *work;
	const cJSON *item;
	int rc = 0;

	if (!root)
		return SL_EPARSE;
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		return sl_json_error_at(err, SL_EPARSE, at, json, strspn(json, " \t\r\n"),
					"environment JSON: expected an object");
	}
	work = sl_env_copy(env);
	cJSON_ArrayForEach(item, root)
	{
		if ((rc = json_apply(work, item, err)) < 0) {
			rc = at_key(at, json, item->string, err);
			break;
		}
	}
	cJSON_Delete(root);
	if (rc == 0) {
		/* swap the contents so the caller's pointer stays valid */
		struct sl_env tmp = *env;
		*env = *work;
		*work = tmp;
	}
	sl_env_free(work);
	return rc;
}
