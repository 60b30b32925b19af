struct cyc_a;
typedef struct cyc_b {
  double weight;
} cyc_b;
double cyc_b_of_a(struct cyc_a *a);
