// C++ with the dynamic libstdc++ and libgcc_s: exceptions (thrown through frames and across
// the library boundary), iostreams, strings and containers, virtual calls, libm, libatomic.
#include <atomic>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

struct shape {
  virtual ~shape() = default;
  virtual double area() const = 0;
  virtual std::string name() const = 0;
};
struct circle : shape {
  double r;
  explicit circle(double r) : r(r) {}
  double area() const override { return M_PI * r * r; }
  std::string name() const override { return "circle"; }
};
struct square : shape {
  double s;
  explicit square(double s) : s(s) {}
  double area() const override { return s * s; }
  std::string name() const override { return "square"; }
};

struct my_error : std::runtime_error {
  int code;
  my_error(const std::string &m, int c) : std::runtime_error(m), code(c) {}
};

static int depth(int n)
{
  if (n == 0)
    throw my_error("bottom reached", 42);
  std::string keep = "frame " + std::to_string(n);   // destroyed while unwinding
  return depth(n - 1) + (int)keep.size();
}

struct pair16 {
  long a, b;
};

int main()
{
  std::vector<std::unique_ptr<shape>> v;
  v.push_back(std::make_unique<circle>(1.5));
  v.push_back(std::make_unique<square>(2.0));
  for (const auto &s : v)
    std::cout << s->name() << " area " << std::fixed << std::setprecision(6) << s->area()
              << '\n';

  try {
    depth(10);
  } catch (const my_error &e) {
    std::cout << "caught my_error: " << e.what() << " code " << e.code << '\n';
  }
  try {
    std::vector<int> small(3);
    small.at(10) = 1;   // thrown inside libstdc++
  } catch (const std::out_of_range &e) {
    std::cout << "caught out_of_range from libstdc++\n";
  }
  try {
    try {
      throw 17;
    } catch (int i) {
      std::cout << "caught int " << i << ", rethrowing\n";
      throw;
    }
  } catch (...) {
    std::cout << "caught rethrown exception\n";
  }

  std::map<std::string, int> words;
  std::istringstream in("the quick brown fox jumps over the lazy dog the end");
  for (std::string w; in >> w;)
    words[w]++;
  for (const auto &[w, n] : words)
    std::cout << w << ':' << n << ' ';
  std::cout << '\n';

  std::ostringstream os;
  os << std::hex << 48879 << ' ' << std::scientific << std::setprecision(3) << 12345.678;
  std::cout << os.str() << '\n';
  std::cout << std::defaultfloat << std::setprecision(17) << std::sin(1.0) << ' '
            << std::exp(2.5) << ' ' << std::pow(2.0, 0.5) << ' ' << std::lgamma(7.5) << '\n';

  std::atomic<pair16> p{pair16{1, 2}};   // 16 bytes: libatomic's lock-based helpers
  pair16 expect{1, 2};
  bool ok = p.compare_exchange_strong(expect, pair16{3, 4});
  pair16 now = p.load();
  std::cout << "atomic16 cas " << ok << " -> " << now.a << ',' << now.b << " lock-free "
            << p.is_lock_free() << '\n';
  std::cerr << "done on cerr" << std::endl;
  return 3;
}
