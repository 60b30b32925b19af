/* Each header's functions take the other header's type: one module per type would need a cycle
   of imports, so every type moves to the top module. */
struct cyc_b;
typedef struct cyc_a {
  int value;
} cyc_a;
int cyc_a_of_b(const struct cyc_b *b);
