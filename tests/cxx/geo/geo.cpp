// The implementations of geo.hpp (the C++ test library of pen-bindgen).
#include "geo.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

extern "C" int geo_c_version(void) {
  return 3;
}

namespace geo {

namespace {
int shapes_destroyed = 0;
} // namespace

Shape::~Shape() {
  ++shapes_destroyed;
}

std::string Shape::name() const {
  return "shape with area " + std::to_string(area());
}

Circle::Circle(double radius) : radius_(radius) {}

double Circle::area() const {
  return 3.141592653589793 * radius_ * radius_;
}

double Circle::radius() const {
  return radius_;
}

Circle Circle::unit() {
  return Circle(1);
}

Rect::Rect(double width, double height) : width_(width), height_(height) {}

void Rect::scale(double factor) noexcept {
  width_ *= factor;
  height_ *= factor;
}

std::vector<double> Rect::sides() const {
  return {width_, height_};
}

double Rect::area() const {
  return width_ * height_;
}

double total_area(const Shape& a, const Shape& b) {
  return a.area() + b.area();
}

double scale(double value, double factor) {
  return value * factor;
}

int scale(int value, int factor) {
  return value * factor;
}

std::string greet(const std::string& name) {
  return "Hello, " + name + "!";
}

std::size_t count_chars(std::string_view text, char c) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), c));
}

double checked_sqrt(double value) {
  if (value < 0) {
    throw std::invalid_argument("checked_sqrt: negative input");
  }
  return std::sqrt(value);
}

void throw_int() {
  throw 42;
}

Color next_color(Color color) {
  switch (color) {
  case Color::Red:
    return Color::Green;
  case Color::Green:
    return Color::Blue;
  case Color::Blue:
    break;
  }
  return Color::Red;
}

std::vector<double> make_range(int n) {
  if (n < 0) {
    throw std::invalid_argument("make_range: negative count");
  }
  std::vector<double> values;
  for (int index = 0; index < n; ++index) {
    values.push_back(index);
  }
  return values;
}

double sum(const std::vector<double>& values) {
  double total = 0;
  for (double value : values) {
    total += value;
  }
  return total;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string::size_type start = 0;
  for (std::string::size_type end; (end = text.find(separator, start)) != std::string::npos;
       start = end + 1) {
    parts.push_back(text.substr(start, end - start));
  }
  parts.push_back(text.substr(start));
  return parts;
}

std::string join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string text;
  for (std::size_t index = 0; index < parts.size(); ++index) {
    text += (index == 0 ? "" : separator) + parts[index];
  }
  return text;
}

std::vector<bool> is_even(std::vector<int> values) noexcept {
  std::vector<bool> even;
  for (int value : values) {
    even.push_back(value % 2 == 0);
  }
  return even;
}

std::vector<Color> next_colors(const std::vector<Color>& colors) {
  std::vector<Color> next;
  for (Color color : colors) {
    next.push_back(next_color(color));
  }
  return next;
}

std::vector<Point> diagonal(int n) {
  std::vector<Point> points;
  for (int index = 0; index < n; ++index) {
    points.push_back({double(index), double(index), index});
  }
  return points;
}

Point midpoint(Point a, Point b) {
  return Point{(a.x + b.x) / 2, (a.y + b.y) / 2, a.tag};
}

Point operator+(Point a, Point b) {
  return Point{a.x + b.x, a.y + b.y, a.tag};
}

Counter::Counter() : value_(0) {}

Counter::Counter(Counter&& other) noexcept : value_(other.value_) {}

int Counter::next() {
  return ++value_;
}

Registry& Registry::instance() {
  static Registry registry;
  return registry;
}

int Registry::size() const {
  return size_;
}

Registry::Registry() : size_(7) {}

Registry::~Registry() = default;

int call_count = 0;

extern "C" int geo_c_twice(int value) {
  return 2 * value;
}

Shape* make_shape(double extent, bool round) {
  if (extent < 0) {
    throw std::invalid_argument("make_shape: negative extent");
  }
  if (round) {
    return new Circle(extent);
  }
  return new Rect(extent, extent);
}

int deleted_shapes() noexcept {
  return shapes_destroyed;
}

} // namespace geo
