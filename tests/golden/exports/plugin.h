/* A plugin interface: the host program calls these, the plugin (written in Pen) implements them. */
#ifndef PLUGIN_H
#define PLUGIN_H

#include <stdbool.h>
#include <stdint.h>

int plugin_init(const char *name);
double plugin_scale(double x, int n);
const char *plugin_name(void);
bool plugin_enabled(int flags);
float plugin_ratio(float a);
uint8_t plugin_level(unsigned long);
void plugin_log(const char *message, bool urgent);

/* Not exported: the host provides it, so the package binds it as usual. */
int host_version(void);

/* A struct pointer becomes a handle that borrows the host's pointer; Pen passes it back to the
   host's (bound) function. */
struct plugin_state;
int plugin_state_size(struct plugin_state *state);
int host_state_size(struct plugin_state *state);

/* An exported callback typedef: Pen implements it and passes it to the host's (bound) function,
   which calls it. */
typedef int (*plugin_compare_fn)(int a, int b);
int host_sort_pair(int a, int b, plugin_compare_fn compare);

/* Exported but unsupported: a struct pointer result, and a callback. */
struct plugin_state *plugin_state_new(void);
void plugin_visit(void (*visit)(int value));

#endif
