/* What the errors test library counts, for tests/abi/drivers/errors_driver.c. */
#ifndef ERRORS_COUNTERS_H
#define ERRORS_COUNTERS_H

typedef struct errors_counters {
  int messages;          /* messages allocated (each must be freed by the shim) */
  int errors_frees;      /* errors_free calls */
  int descriptions;      /* describe results (freed by the shim with `owned = "free"`) */
  int circles_made;
  int circles_destroyed;
  int units_made;
  int units_destroyed;
  int upcasts;
  int bad_destroys; /* a destructor called on NULL, the library's own circle or a wrong type */
} errors_counters;

extern errors_counters counters;

#endif
