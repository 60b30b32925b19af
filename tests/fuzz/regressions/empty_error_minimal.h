#error
int f(int);
