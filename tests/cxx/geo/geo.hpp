// The C++ test library of pen-bindgen (docs/cplusplus.md): one construct per declaration, each
// with a comment saying what it exercises. Implemented in geo.cpp; frontend, golden and ABI
// tests bind it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

// An extern "C" block: binds exactly like a C header (plain function, no C++ information).
extern "C" {
int geo_c_version(void);
}

namespace geo {

// A scoped enum: constants spelled geo::Color::Red, values given and implied.
enum class Color { Red, Green = 5, Blue };

// An unscoped enum in a namespace: constants spelled geo::Small, geo::Large.
enum Size { Small = 1, Large = 2 };

// An abstract base class: pure virtual method, virtual destructor, std::string result.
class Shape {
public:
  virtual ~Shape();
  virtual double area() const = 0;
  std::string name() const;
};

// A derived class: public base, constructor, override, const accessor, static method
// returning the class by value.
class Circle : public Shape {
public:
  explicit Circle(double radius);
  double area() const override;
  double radius() const;
  static Circle unit();

private:
  double radius_;
};

// A second derived class: a noexcept method that mutates the object.
class Rect : public Shape {
public:
  Rect(double width, double height);
  void scale(double factor) noexcept;
  double area() const override;
  // A std::vector result of a method: {width, height}.
  std::vector<double> sides() const;

private:
  double width_;
  double height_;
};

// A standard-layout struct: public data members get getters and setters.
struct Point {
  double x;
  double y;
  int tag;
};

// Class references as parameters (derived handles accepted where a base is expected).
double total_area(const Shape& a, const Shape& b);

// Overloads: suffixes chosen from the parameter types.
double scale(double value, double factor);
int scale(int value, int factor);

// std::string parameter by const reference and std::string result.
std::string greet(const std::string& name);

// std::string_view parameter and std::size_t result.
std::size_t count_chars(std::string_view text, char c);

// Throws std::invalid_argument for negative input: becomes an error with what().
double checked_sqrt(double value);

// Throws an int (not a std::exception): "unknown C++ exception".
void throw_int();

// A scoped enum as parameter and result.
Color next_color(Color color);

// std::vector<double> result (throws std::invalid_argument for n < 0) and std::vector<double>
// parameter by const reference: Pen lists of numbers.
std::vector<double> make_range(int n);
double sum(const std::vector<double>& values);

// A std::vector<std::string> result and parameter: lists of strings (every byte of a
// parameter's elements arrives).
std::vector<std::string> split(const std::string& text, char separator);
std::string join(const std::vector<std::string>& parts, const std::string& separator);

// A std::vector<int> parameter by value and a std::vector<bool> result, noexcept: `[boolean]`
// without `| error`.
std::vector<bool> is_even(std::vector<int> values) noexcept;

// std::vector of an enum class both ways: lists of numbers.
std::vector<Color> next_colors(const std::vector<Color>& colors);

// A standard-layout struct by value as parameters and result.
Point midpoint(Point a, Point b);

// A std::vector of a class: a list of handles, each owning a copy ({i, i, i} for i < n).
std::vector<Point> diagonal(int n);

// A class template: bound only for the instantiations the config names (geo::Box<int>).
template <class T> class Box {
public:
  explicit Box(T value) : value_(value) {}
  T get() const { return value_; }
  void set(T value) { value_ = value; }

private:
  T value_;
};

// An operator overload: skipped with a diagnostic.
Point operator+(Point a, Point b);

// A class whose copy constructor is deleted: not copy constructible, still movable.
class Counter {
public:
  Counter();
  Counter(const Counter&) = delete;
  Counter(Counter&&) noexcept;
  int next();

private:
  int value_;
};

// A class with a private destructor: its handles never delete the object (no finalizer).
class Registry {
public:
  static Registry& instance();
  int size() const;

private:
  Registry();
  ~Registry();
  int size_;
};

// Namespace-scope constants (constexpr and static const, numbers and a C string) and a static
// constexpr data member: Pen constants. A non-const variable stays skipped.
constexpr double pi = 3.141592653589793;
static const int max_sides = 8;
constexpr unsigned long long big = 1ULL << 40;
constexpr const char* library_name = "geo";
constexpr char unit_name[] = "metre";
constexpr Color favourite_color = Color::Blue;
extern int call_count;

struct Polygon {
  static constexpr int min_sides = 3;
  int sides = min_sides; // a default member initializer: still implicitly default constructible
};

// A struct whose implicit default constructor is deleted (a reference member): no `New`.
struct Anchor {
  const Point& at;
};

// An extern "C" function declared in a namespace: C symbol `geo_c_twice`, called as
// geo::geo_c_twice by the layer.
extern "C" int geo_c_twice(int value);

// A factory returning a new object by raw pointer: owned through config (`borrowed = false`),
// so the handle deletes it; Circle::unit by value is owned anyway.
Shape* make_shape(double extent, bool round);

// How many Shape objects were destroyed so far: tests see the factory's result deleted.
int deleted_shapes() noexcept;

} // namespace geo
