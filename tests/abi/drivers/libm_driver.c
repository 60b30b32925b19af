/* Plays Pen against the shim of math.h (prefix _math_), linked with the real libm. */
#include "pen_side.h"

#include <limits.h>
#include <math.h>

double _math_sqrt(double);
double _math_floor(double);
double _math_fabs(double);
double _math_pow(double, double);
double _math_ldexp(double, double);
double _math_lround(double);
double _math_llround(double);
double _math_ilogb(double);
double _math_fmin(double, double);

int main(void) {
  CHECK_NUMBER(_math_sqrt(2.0), 1.4142135623730951);
  CHECK_NUMBER(_math_sqrt(-1.0), NAN);
  CHECK_NUMBER(_math_sqrt(INFINITY), INFINITY);
  CHECK_NUMBER(_math_floor(-1.5), -2.0);
  CHECK_NUMBER(_math_floor(-0.0), -0.0);
  CHECK_NUMBER(_math_fabs(-0.0), 0.0);
  CHECK_NUMBER(_math_fabs(-INFINITY), INFINITY);
  CHECK_NUMBER(_math_pow(2.0, 0.5), 1.4142135623730951);
  CHECK_NUMBER(_math_pow(2.0, 1024.0), INFINITY);
  /* ldexp's exponent is an int: truncated, saturated, NaN gives 0. */
  CHECK_NUMBER(_math_ldexp(1.5, 4.9), 24.0);
  CHECK_NUMBER(_math_ldexp(1.5, -1.9), 0.75);
  CHECK_NUMBER(_math_ldexp(1.0, 1e10), INFINITY);
  CHECK_NUMBER(_math_ldexp(1.0, -INFINITY), 0.0);
  CHECK_NUMBER(_math_ldexp(1.0, NAN), 1.0);
  CHECK_NUMBER(_math_lround(2.5), 3.0);
  CHECK_NUMBER(_math_lround(-2.5), -3.0);
  CHECK_NUMBER(_math_llround(-7.5), -8.0);
  CHECK_NUMBER(_math_llround(4503599627370495.5), 4503599627370496.0);
  CHECK_NUMBER(_math_ilogb(8.0), 3.0);
  CHECK_NUMBER(_math_ilogb(0.1), -4.0);
  CHECK_NUMBER(_math_ilogb(0.0), (double)FP_ILOGB0);
  CHECK_NUMBER(_math_fmin(NAN, 2.0), 2.0);
  CHECK_NUMBER(_math_fmin(-0.5, 2.0), -0.5);
  return pen_side_finish();
}
