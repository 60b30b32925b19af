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

// std::vector<double> result and std::vector<double> parameter by const reference.
std::vector<double> make_range(int n);
double sum(const std::vector<double>& values);

// A standard-layout struct by value as parameters and result.
Point midpoint(Point a, Point b);

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

} // namespace geo
