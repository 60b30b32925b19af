#include "shapes/color.h"
#include "shapes/geometry.h"

#include <math.h>

double shapes_polygon_area(int sides, double length) {
  if (sides < 3) {
    return 0;
  }
  const double pi = 3.14159265358979323846;
  return sides * length * length / (4 * tan(pi / sides));
}

double shapes_rectangle_perimeter(double width, double height) {
  return 2 * (width + height);
}

uint32_t shapes_pack_rgb(uint8_t red, uint8_t green, uint8_t blue) {
  return (uint32_t)red << 16 | (uint32_t)green << 8 | blue;
}

const char *shapes_channel_name(enum shapes_channel channel) {
  switch (channel) {
  case SHAPES_RED:
    return "red";
  case SHAPES_GREEN:
    return "green";
  case SHAPES_BLUE:
    return "blue";
  }
  return "";
}

bool shapes_is_gray(uint32_t rgb) {
  return (rgb >> 16 & 0xff) == (rgb >> 8 & 0xff) && (rgb >> 8 & 0xff) == (rgb & 0xff);
}
