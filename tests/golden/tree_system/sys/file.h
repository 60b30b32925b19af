/* A system package over a header tree: the types live in SysTypes.pen, which takes no Context,
   so that Context/context.pen can import them. */
typedef struct sys_file sys_file;

struct sys_stat {
  long size;
  int mode;
};
