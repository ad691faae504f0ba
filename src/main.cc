#include <iostream>
int main() { std::cout << "docklint " DOCKLINT_VERSION "\n"; }
