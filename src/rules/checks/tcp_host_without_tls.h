// CIS 2.7 (1.6.0; 2.8 in 1.8.0, 2.6 in 1.13.0): every TCP socket dockerd listens on needs mutual TLS.
#ifndef DOCKLINT_RULES_CHECKS_TCP_HOST_WITHOUT_TLS_H_
#define DOCKLINT_RULES_CHECKS_TCP_HOST_WITHOUT_TLS_H_

#include "rules/check.h"

namespace docklint::rules::checks {

class TcpHostWithoutTls : public Check {
 public:
  std::string_view Name() const override { return "tcp-host-without-tls"; }
  bool Run(const HostContext& host, const Rule& rule, std::vector<base::Finding>* findings) const override;
};

}  // namespace docklint::rules::checks

#endif  // DOCKLINT_RULES_CHECKS_TCP_HOST_WITHOUT_TLS_H_
