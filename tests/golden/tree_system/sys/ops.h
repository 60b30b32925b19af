#include "file.h"

sys_file *sys_open(const char *path);
int sys_close(sys_file *file);
struct sys_stat sys_stat_of(const sys_file *file);
