/* commands.h: every verb's entry point, one-line summary and usage text,
 * each defined in its own src/cli/cmd_<verb>.c (git's builtin.h).  A new
 * verb adds its file, its declarations here and one row in main.c's table. */
#ifndef SPACELOCK_COMMANDS_H
#define SPACELOCK_COMMANDS_H

#include "cli.h"

int cmd_snapshot(int argc, char **argv, struct sl_cli *cli);
extern const char cmd_snapshot_summary[], cmd_snapshot_usage[];

int cmd_diff(int argc, char **argv, struct sl_cli *cli);
extern const char cmd_diff_summary[], cmd_diff_usage[];

int cmd_doctor(int argc, char **argv, struct sl_cli *cli);
extern const char cmd_doctor_summary[], cmd_doctor_usage[];
int cmd_apply(int argc, char **argv, struct sl_cli *cli);
extern const char cmd_apply_summary[], cmd_apply_usage[];

int cmd_repin(int argc, char **argv, struct sl_cli *cli);
extern const char cmd_repin_summary[], cmd_repin_usage[];

int cmd_duplicate(int argc, char **argv, struct sl_cli *cli);
extern const char cmd_duplicate_summary[], cmd_duplicate_usage[];

int cmd_export(int argc, char **argv, struct sl_cli *cli);
extern const char cmd_export_summary[], cmd_export_usage[];

int cmd_check(int argc, char **argv, struct sl_cli *cli);
extern const char cmd_check_summary[], cmd_check_usage[];

int cmd_fetch(int argc, char **argv, struct sl_cli *cli);
extern const char cmd_fetch_summary[], cmd_fetch_usage[];

int cmd_log(int argc, char **argv, struct sl_cli *cli);
extern const char cmd_log_summary[], cmd_log_usage[];

int cmd_metadata(int argc, char **argv, struct sl_cli *cli);
extern const char cmd_metadata_summary[], cmd_metadata_usage[];

int cmd_index(int argc, char **argv, struct sl_cli *cli);
extern const char cmd_index_summary[], cmd_index_usage[];

int cmd_version(int argc, char **argv, struct sl_cli *cli);
extern const char cmd_version_summary[], cmd_version_usage[];

int cmd_name(int argc, char **argv, struct sl_cli *cli);
extern const char cmd_name_summary[], cmd_name_usage[];

int cmd_marker(int argc, char **argv, struct sl_cli *cli);
extern const char cmd_marker_summary[], cmd_marker_usage[];

int cmd_requirement(int argc, char **argv, struct sl_cli *cli);
extern const char cmd_requirement_summary[], cmd_requirement_usage[];

#endif
