/* A plugin interface: the host program calls these functions, and a Pen package implements
   them (docs/exports.md). */
#ifndef PLUGIN_H
#define PLUGIN_H

#include <stdbool.h>

/* Called once with the host's name; returns 0 on success. */
int plugin_init(const char *name);
/* Scales x n times. */
double plugin_scale(double x, int n);
/* The plugin's display name; valid until the next call on the same thread. */
const char *plugin_name(void);
/* Whether the plugin is enabled for these flags. */
bool plugin_enabled(int flags);

/* A comparison the plugin implements, for the host's sorting function below. */
typedef int (*plugin_compare_fn)(int a, int b);
/* Provided by the host (bound, not exported): orders a pair with `compare`, returns the first. */
int host_sort_pair(int a, int b, plugin_compare_fn compare);

#endif
