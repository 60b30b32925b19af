/* What the abi_types library last received, for the drivers only (not bound: variables). */
#ifndef ABI_TYPES_PROBE_H
#define ABI_TYPES_PROBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

extern long long abi_seen_signed;
extern unsigned long long abi_seen_unsigned;
extern double abi_seen_floating;
extern float abi_seen_float;
extern bool abi_seen_bool;
extern char abi_seen_text[256];
extern int abi_calls;

#endif
