// C++ threads: std::thread, std::atomic (fetch_add, compare_exchange loops, exchange),
// std::mutex + std::condition_variable, std::async/future, thread_local, std::shared_mutex,
// jthread-style stop flags. Every result is exact.
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <future>
#include <mutex>
#include <numeric>
#include <queue>
#include <shared_mutex>
#include <thread>
#include <vector>

static thread_local long tl_counter = 0;

int main() {
  const int nt = 4, iters = 20000;
  std::atomic<long> a{0};
  std::atomic<int> cas{0};
  std::atomic<unsigned long long> big{0};
  std::vector<std::thread> ts;
  for (int i = 0; i < nt; i++)
    ts.emplace_back([&] {
      for (int k = 0; k < iters; k++) {
        a.fetch_add(1, std::memory_order_relaxed);
        int v = cas.load();
        while (!cas.compare_exchange_weak(v, v + 2)) {
        }
        big.fetch_add(1ull << 33);
        tl_counter++;
      }
      if (tl_counter != iters)
        a.fetch_add(1000000000);
    });
  for (auto &t : ts)
    t.join();
  std::printf("atomic fetch_add %ld, cas loop %d, 64-bit %llu, thread_local %s\n", a.load(),
              cas.load(), big.load() >> 33, tl_counter == 0 ? "ok" : "WRONG");

  // producer/consumer with mutex + condition_variable
  std::mutex m;
  std::condition_variable cv;
  std::queue<int> q;
  bool done = false;
  long sum = 0;
  std::thread cons([&] {
    std::unique_lock<std::mutex> lk(m);
    for (;;) {
      cv.wait(lk, [&] { return !q.empty() || done; });
      while (!q.empty()) {
        sum += q.front();
        q.pop();
      }
      if (done)
        return;
    }
  });
  std::vector<std::thread> prods;
  for (int p = 0; p < 3; p++)
    prods.emplace_back([&] {
      for (int k = 1; k <= 10000; k++) {
        std::lock_guard<std::mutex> lk(m);
        q.push(k);
        cv.notify_one();
      }
    });
  for (auto &t : prods)
    t.join();
  {
    std::lock_guard<std::mutex> lk(m);
    done = true;
  }
  cv.notify_all();
  cons.join();
  std::printf("condition_variable sum %ld\n", sum);

  // futures
  std::vector<std::future<long>> fs;
  for (int i = 0; i < 8; i++)
    fs.push_back(std::async(std::launch::async, [i] {
      long s = 0;
      for (long k = 0; k <= 100000; k++)
        s += k * (i + 1);
      return s;
    }));
  long total = 0;
  for (auto &f : fs)
    total += f.get();
  std::printf("async total %ld\n", total);

  // shared_mutex: readers see a consistent pair
  std::shared_mutex sm;
  long x = 0, y = 0;
  std::atomic<long> bad{0};
  std::vector<std::thread> rw;
  for (int i = 0; i < 4; i++)
    rw.emplace_back([&, i] {
      for (int k = 0; k < 5000; k++) {
        if (i == 0) {
          std::unique_lock<std::shared_mutex> lk(sm);
          x++;
          y--;
        } else {
          std::shared_lock<std::shared_mutex> lk(sm);
          if (x != -y)
            bad++;
        }
      }
    });
  for (auto &t : rw)
    t.join();
  std::printf("shared_mutex x %ld, inconsistent reads %ld\n", x, bad.load());
  return 0;
}
