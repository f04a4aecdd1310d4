// PLACEHOLDER: the edgelstm command-line tool lands here.
return 0;
