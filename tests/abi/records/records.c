#include "records.h"

#include <stdlib.h>

struct point point_add(struct point a, struct point b) {
  struct point sum = {a.x + b.x, a.y + b.y};
  return sum;
}

shape shape_make(const char* label, struct point origin, bool filled) {
  shape s = {2.5, filled, label && *label ? "made" : NULL, origin, 7, 1LL << 40};
  return s;
}

shape shape_moved(shape s, int dx, int dy) {
  s.origin.x += dx;
  s.origin.y += dy;
  return s;
}

double shape_weight(const shape* s) {
  return s->area * (s->filled ? 2 : 1) + s->kind + (double)s->id + s->origin.x + s->origin.y;
}

struct counter {
  int start;
  int value;
  counter* previous;
};
static counter* latest;
static int alive;
static int closed;
static int closes_by_start[16];

counter* counter_open(int start) {
  counter* c = malloc(sizeof *c);
  c->start = start;
  c->value = start;
  c->previous = latest;
  latest = c;
  ++alive;
  return c;
}

int counter_next(counter* c) {
  return c ? c->value++ : -1;
}

const char* counter_label(const counter* c) {
  return c ? "counter" : "none";
}

void counter_close(counter* c) {
  if (!c) {
    return;
  }
  for (counter** link = &latest; *link; link = &(*link)->previous) {
    if (*link == c) {
      *link = c->previous;
      break;
    }
  }
  if (c->start >= 0 && c->start < 16) {
    ++closes_by_start[c->start];
  }
  --alive;
  ++closed;
  free(c);
}

int counter_open_checked(int start, counter** out) {
  *out = start < 0 ? NULL : counter_open(start);
  return start < 0 ? -1 : 0;
}

counter* counter_latest(void) {
  return latest;
}

counter* counter_find(int start) {
  for (counter* c = latest; c; c = c->previous) {
    if (c->start == start) {
      return c;
    }
  }
  return NULL;
}
int counters_alive(void) {
  return alive;
}
int counters_closed(void) {
  return closed;
}
int counter_closes_of(int start) {
  return start >= 0 && start < 16 ? closes_by_start[start] : -1;
}

long settings_sum(const struct settings* s) {
  long sum = s->flags + s->enabled + s->delta + s->u.as_int + s->nested.depth;
  for (int index = 0; index < 4; ++index) {
    sum += s->values[index];
  }
  for (size_t index = 0; s->data && index < s->data_length; ++index) {
    sum += s->data[index];
  }
  if (s->owner) {
    sum += s->owner->value;
  }
  return sum;
}
