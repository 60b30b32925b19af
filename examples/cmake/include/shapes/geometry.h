#ifndef SHAPES_GEOMETRY_H
#define SHAPES_GEOMETRY_H

#define SHAPES_MAX_SIDES 12

/* The area of a regular polygon with `sides` sides of length `length`. */
double shapes_polygon_area(int sides, double length);

/* The perimeter of a rectangle. */
double shapes_rectangle_perimeter(double width, double height);

#endif
