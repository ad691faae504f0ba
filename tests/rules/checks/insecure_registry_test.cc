#include "rules/checks/insecure_registry.h"

#include <gtest/gtest.h>

namespace docklint::rules::checks {
namespace {

TEST(InsecureRegistryTest, LoopbackEntriesAreDockerdsDefault) {
  for (const char* entry : {"localhost", "localhost:5000", "LOCALHOST:5000", "127.0.0.1", "127.0.0.1:5000",
                            "127.1.2.3:443", "127.0.0.0/8", "127.0.0.0/24", "::1", "[::1]:5000", "::1/128"}) {
    EXPECT_TRUE(IsLoopbackRegistry(entry)) << entry;
  }
  for (const char* entry : {"registry.lan:5000", "10.0.0.0/8", "127.0.0.0/7", "0.0.0.0/0", "128.0.0.1",
                            "127.0.0", "127.0.0.256", "localhost.example.com", "::/0", "::1/64", ""}) {
    EXPECT_FALSE(IsLoopbackRegistry(entry)) << entry;
  }
}

}  // namespace
}  // namespace docklint::rules::checks
