<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CompareDialog</name>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="366" />
        <source>Compare temperatures</source>
        <translation>比较不同温度</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="372" />
        <source>Temperature {t}</source>
        <translation>温度 {t}</translation>
    </message>
</context>
<context>
    <name>CorpusPage</name>
    <message>
        <location filename="../../rnnstudio/gui/corpus_page.py" line="131" />
        <source>Drop a text file, several files or a folder anywhere on this window — or start with a sample.</source>
        <translation>把一个或多个文本文件、或整个文件夹拖到窗口任意位置——或者从示例开始。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/corpus_page.py" line="133" />
        <source>Open text file…</source>
        <translation>打开文本文件…</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/corpus_page.py" line="134" />
        <source>Open folder…</source>
        <translation>打开文件夹…</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/corpus_page.py" line="135" />
        <source>Samples:</source>
        <translation>示例：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/corpus_page.py" line="136" />
        <source>Tiny Shakespeare</source>
        <translation>莎士比亚选段</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/corpus_page.py" line="136" />
        <source>Tang poems (Chinese)</source>
        <translation>唐诗（中文）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/corpus_page.py" line="139" />
        <source>Detect automatically</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/corpus_page.py" line="140" />
        <source>Characters</source>
        <translation>字符</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/corpus_page.py" line="141" />
        <source>Words and punctuation</source>
        <translation>单词和标点</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/corpus_page.py" line="142" />
        <source>Reading</source>
        <translation>读取</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/corpus_page.py" line="143" />
        <location filename="../../rnnstudio/gui/corpus_page.py" line="155" />
        <source>Encoding:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/corpus_page.py" line="143" />
        <source>Symbols are:</source>
        <translation>符号单位：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/corpus_page.py" line="144" />
        <source>Rare-symbol threshold:</source>
        <translation>罕见符号阈值：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/corpus_page.py" line="144" />
        <source>Validation split:</source>
        <translation>验证集比例：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/corpus_page.py" line="146" />
        <source>How the file's bytes map to characters. Detection is usually right; pick one if the preview shows garbled text.</source>
        <translation>文件字节如何对应到字符。自动检测通常是对的；如果预览出现乱码，请手动选择。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/corpus_page.py" line="148" />
        <source>Characters work for every language, Chinese included. Words suit languages written with spaces and large texts.</source>
        <translation>按字符适用于所有语言，包括中文。按单词适合用空格分词的语言和大文本。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/corpus_page.py" line="150" />
        <source>Symbols seen fewer times than this become one “unknown” symbol. Useful for Chinese, which has thousands of rare characters.</source>
        <translation>出现次数少于此值的符号会合并为一个“未知”符号。中文有数千个罕见字，此项很有用。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/corpus_page.py" line="152" />
        <source>The last part of the text is held back to measure how well the network writes text it has not seen.</source>
        <translation>文本的最后一部分不参与训练，用来衡量网络写出未见过文本的能力。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/corpus_page.py" line="154" />
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/corpus_page.py" line="155" />
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/corpus_page.py" line="155" />
        <source>Files:</source>
        <translation>文件数：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/corpus_page.py" line="156" />
        <source>Size:</source>
        <translation>大小：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/corpus_page.py" line="156" />
        <source>Characters:</source>
        <translation>字符数：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/corpus_page.py" line="157" />
        <source>Symbols:</source>
        <translation>符号数：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/corpus_page.py" line="157" />
        <source>Vocabulary:</source>
        <translation>词表大小：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/corpus_page.py" line="158" />
        <source>Unknown symbols:</source>
        <translation>未知符号：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/corpus_page.py" line="160" />
        <source>Most frequent symbols</source>
        <translation>最常见的符号</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/corpus_page.py" line="161" />
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/corpus_page.py" line="163" />
        <source>No text yet.</source>
        <translation>还没有文本。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/corpus_page.py" line="194" />
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/corpus_page.py" line="225" />
        <source>Ready: {name}</source>
        <translation>已就绪：{name}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="118" />
        <source>1 · Text</source>
        <translation>1 · 文本</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="118" />
        <source>2 · Model</source>
        <translation>2 · 模型</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="118" />
        <source>3 · Train</source>
        <translation>3 · 训练</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="119" />
        <source>4 · Generate</source>
        <translation>4 · 生成</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="121" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="122" />
        <source>Open &amp;text file…</source>
        <translation>打开文本文件(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="123" />
        <source>Open &amp;folder of texts…</source>
        <translation>打开文本文件夹(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="124" />
        <source>Open &amp;model…</source>
        <translation>打开模型(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="125" />
        <source>Recent texts</source>
        <translation>最近的文本</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="126" />
        <source>Recent models</source>
        <translation>最近的模型</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="127" />
        <source>&amp;New model</source>
        <translation>新建模型(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="128" />
        <source>&amp;Save model</source>
        <translation>保存模型(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="129" />
        <source>Save model &amp;as…</source>
        <translation>模型另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="130" />
        <source>&amp;Export model…</source>
        <translation>导出模型(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="131" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="132" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="133" />
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="136" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="137" />
        <source>&amp;About RNN Studio</source>
        <translation>关于 RNN Studio(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="166" />
        <source>unsaved model</source>
        <translation>未保存的模型</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="174" />
        <source>Text: {name}, {n} symbols</source>
        <translation>文本：{name}，{n} 个符号</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="177" />
        <source>Model: {cell} {layers}×{hidden}, {steps} steps trained</source>
        <translation>模型：{cell} {layers}×{hidden}，已训练 {steps} 步</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="180" />
        <source>Open a text to begin.</source>
        <translation>打开一个文本开始吧。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="186" />
        <source>Choose a text to learn from first (step 1).</source>
        <translation>请先选择要学习的文本（第 1 步）。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="195" />
        <source>Continue training</source>
        <translation>继续训练</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="195" />
        <source>Start training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="220" />
        <source>Open text</source>
        <translation>打开文本</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="220" />
        <source>Text files (*.txt *.md *.csv *.tsv *.json *.xml *.html *.py *.c *.srt);;All files (*)</source>
        <translation>文本文件 (*.txt *.md *.csv *.tsv *.json *.xml *.html *.py *.c *.srt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="227" />
        <source>Open a folder of texts</source>
        <translation>打开文本文件夹</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="250" />
        <source>Could not use this text</source>
        <translation>无法使用此文本</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="258" />
        <source>Open model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="258" />
        <source>RNN Studio models (*.rnnstudio);;All files (*)</source>
        <translation>RNN Studio 模型 (*.rnnstudio);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="265" />
        <location filename="../../rnnstudio/gui/mainwindow.py" line="458" />
        <source>Training is running</source>
        <translation>正在训练</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="265" />
        <source>Stop training before opening a model.</source>
        <translation>请先停止训练，再打开模型。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="274" />
        <source>Could not open the model</source>
        <translation>无法打开模型</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="306" />
        <location filename="../../rnnstudio/gui/mainwindow.py" line="315" />
        <source>Nothing to save</source>
        <translation>没有可保存的内容</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="306" />
        <location filename="../../rnnstudio/gui/mainwindow.py" line="315" />
        <source>Train a model first.</source>
        <translation>请先训练一个模型。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="318" />
        <source>Save model</source>
        <translation>保存模型</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="318" />
        <source>RNN Studio models (*.rnnstudio)</source>
        <translation>RNN Studio 模型 (*.rnnstudio)</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="331" />
        <source>Could not save the model</source>
        <translation>无法保存模型</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="338" />
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="344" />
        <source>Nothing to export</source>
        <translation>没有可导出的模型</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="344" />
        <source>Train or open a model first.</source>
        <translation>请先训练或打开一个模型。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="346" />
        <source>Export model</source>
        <translation>导出模型</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="347" />
        <source>ONNX (*.onnx);;TorchScript (*.pt)</source>
        <translation>ONNX (*.onnx);;TorchScript (*.pt)</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="358" />
        <source>Could not export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="360" />
        <source>Exported {model} and {vocab}</source>
        <translation>已导出 {model} 和 {vocab}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="372" />
        <source>(none yet)</source>
        <translation>（暂无）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="378" />
        <source>Not found</source>
        <translation>找不到</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="378" />
        <source>“{path}” no longer exists.</source>
        <translation>“{path}”已不存在。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="390" />
        <source>Check the settings</source>
        <translation>请检查设置</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="412" />
        <source>Training went wrong</source>
        <translation>训练出错</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="413" />
        <source>The training diverged: {reason}.

What to try: {suggestion}.

The best weights so far were kept.</source>
        <translation>训练发散了：{reason}。

可以尝试：{suggestion}。

目前最好的权重已保留。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="418" />
        <source>Training stopped</source>
        <translation>训练已停止</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="429" />
        <source>Restore unsaved model?</source>
        <translation>恢复未保存的模型？</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="430" />
        <source>RNN Studio found a model that was being trained when the app last closed without saving. Restore it?</source>
        <translation>RNN Studio 发现上次关闭时有一个正在训练但未保存的模型。要恢复它吗？</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="447" />
        <source>Unsaved model</source>
        <translation>模型未保存</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="447" />
        <source>The trained model has not been saved. Save it first?</source>
        <translation>训练好的模型还没有保存。要先保存吗？</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="459" />
        <source>Stop training and quit? You can save the model before the app closes.</source>
        <translation>停止训练并退出？关闭前可以保存模型。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="491" />
        <source>About RNN Studio</source>
        <translation>关于 RNN Studio</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="492" />
        <source>RNN Studio {app}
Train a recurrent neural network on your own text and watch it learn to write.

torch {torch}, Qt {qt} (PySide6 {pyside}), Python {python}
Training device: {device}</source>
        <translation>RNN Studio {app}
用你自己的文本训练循环神经网络，看着它学会写作。

torch {torch}，Qt {qt}（PySide6 {pyside}），Python {python}
训练设备：{device}</translation>
    </message>
</context>
<context>
    <name>ModelPage</name>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="180" />
        <source>Tiny</source>
        <translation>微型</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="180" />
        <source>Small (default)</source>
        <translation>小型（默认）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="180" />
        <source>Medium</source>
        <translation>中型</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="181" />
        <source>Large</source>
        <translation>大型</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="181" />
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="184" />
        <source>Vanilla RNN (tanh)</source>
        <translation>普通 RNN（tanh）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="184" />
        <source>Vanilla RNN (ReLU)</source>
        <translation>普通 RNN（ReLU）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="185" />
        <source>LSTM</source>
        <translation>LSTM</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="185" />
        <source>GRU</source>
        <translation>GRU</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="188" />
        <source>Constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="188" />
        <source>Cosine with warm-up</source>
        <translation>余弦（带预热）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="189" />
        <source>Reduce on plateau</source>
        <translation>停滞时降低</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="192" />
        <location filename="../../rnnstudio/gui/model_page.py" line="196" />
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="192" />
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="192" />
        <source>NVIDIA GPU (CUDA)</source>
        <translation>NVIDIA 显卡（CUDA）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="193" />
        <source>Apple GPU (MPS)</source>
        <translation>Apple 显卡（MPS）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="196" />
        <source>32-bit float</source>
        <translation>32 位浮点</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="196" />
        <source>bfloat16 (mixed)</source>
        <translation>bfloat16（混合精度）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="199" />
        <source>Preset:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="200" />
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="201" />
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="202" />
        <source>Cost</source>
        <translation>开销</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="203" />
        <source>Cell:</source>
        <translation>单元：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="203" />
        <source>Layers:</source>
        <translation>层数：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="203" />
        <source>Hidden size:</source>
        <translation>隐藏层大小：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="204" />
        <source>Embedding size:</source>
        <translation>嵌入大小：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="204" />
        <source>Dropout:</source>
        <translation>Dropout：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="207" />
        <source>Window length:</source>
        <translation>窗口长度：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="207" />
        <source>Batch size:</source>
        <translation>批大小：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="207" />
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="207" />
        <source>Optimiser:</source>
        <translation>优化器：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="208" />
        <source>Schedule:</source>
        <translation>学习率计划：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="208" />
        <source>Gradient clipping:</source>
        <translation>梯度裁剪：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="208" />
        <source>Max steps:</source>
        <translation>最多步数：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="209" />
        <source>Max minutes:</source>
        <translation>最长分钟：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="209" />
        <source>Evaluate every:</source>
        <translation>评估间隔：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="209" />
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="209" />
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="210" />
        <source>Precision:</source>
        <translation>精度：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="212" />
        <location filename="../../rnnstudio/gui/model_page.py" line="213" />
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="214" />
        <source>only at the end</source>
        <translation>仅在结束时</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="215" />
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="216" />
        <source> steps</source>
        <translation> 步</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="218" />
        <source>Ready-made sizes. Small trains well on an ordinary laptop in a few minutes.</source>
        <translation>现成的规模。“小型”在普通笔记本上几分钟就能训练得不错。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="219" />
        <source>The kind of recurrent unit. LSTM and GRU remember longer and train more reliably than a vanilla RNN.</source>
        <translation>循环单元的类型。LSTM 和 GRU 比普通 RNN 记得更久，训练也更稳定。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="221" />
        <source>How many recurrent layers are stacked. More layers learn more complex patterns but train slower.</source>
        <translation>叠加多少层循环层。层数越多能学到越复杂的模式，但训练越慢。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="223" />
        <source>The size of each layer's memory. Bigger remembers more, costs more.</source>
        <translation>每层记忆的大小。越大记得越多，开销也越大。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="224" />
        <source>How many numbers describe each symbol on its way into the network.</source>
        <translation>每个符号进入网络时用多少个数字来描述。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="225" />
        <source>Randomly silences this fraction of connections while training, so the network does not just memorise the text. 0 turns it off.</source>
        <translation>训练时随机关闭这一比例的连接，防止网络死记硬背。0 表示关闭。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="227" />
        <source>How many symbols the network reads before it learns from its mistakes. Longer windows teach longer-range patterns.</source>
        <translation>网络每读多少个符号就从错误中学习一次。窗口越长，能学到越远的关联。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="229" />
        <source>How many pieces of text are read side by side in each step.</source>
        <translation>每一步并排读取多少段文本。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="230" />
        <source>How big each learning step is. Too high and training blows up; too low and it crawls. Written like 0.003 or 3e-3.</source>
        <translation>每一步学习的幅度。太大会使训练崩溃，太小则进展缓慢。写法如 0.003 或 3e-3。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="232" />
        <source>The rule that turns mistakes into weight changes. Adam is a safe choice.</source>
        <translation>把错误转化为权重调整的规则。Adam 是稳妥的选择。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="233" />
        <source>How the learning rate changes over time. Cosine starts gently, then slows down towards the end of the step or time limit.</source>
        <translation>学习率随时间的变化方式。余弦计划先平缓升高，接近步数或时间上限时逐渐减小。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="235" />
        <source>Caps the size of each update, so one bad step cannot wreck the network.</source>
        <translation>限制每次更新的幅度，避免一步出错毁掉整个网络。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="236" />
        <source>Stop after this many steps (0 = no step limit).</source>
        <translation>训练到这么多步后停止（0 = 不限步数）。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="237" />
        <source>Stop after this much training time (0 = no time limit).</source>
        <translation>训练这么长时间后停止（0 = 不限时间）。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="238" />
        <source>How often to measure the loss on text held back from training, save a checkpoint and show a sample.</source>
        <translation>每隔多久在留出的文本上测一次损失、保存检查点并展示一段生成文本。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="240" />
        <source>The starting point of the random numbers: the same seed and settings give the same training run.</source>
        <translation>随机数的起点：相同的种子和设置会得到完全相同的训练过程。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="242" />
        <source>Where to train. Automatic uses a GPU when there is one.</source>
        <translation>在哪里训练。“自动”会在有显卡时使用显卡。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="243" />
        <source>bfloat16 roughly doubles speed on recent CPUs and GPUs at the same quality. Automatic uses it where the hardware supports it.</source>
        <translation>在较新的 CPU 和显卡上，bfloat16 能在同等质量下让速度约翻倍。“自动”会在硬件支持时使用它。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="321" />
        <source>The learning rate must be a number above 0 and at most 10, like 0.003.</source>
        <translation>学习率必须是大于 0 且不超过 10 的数，例如 0.003。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="323" />
        <source>Set a step limit, a time limit, or both.</source>
        <translation>请设置步数上限、时间上限，或两者都设。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="354" />
        <source>One layer of 128: trains in seconds, for a first look.</source>
        <translation>一层 128：几秒钟就能训练完，适合初次体验。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="355" />
        <source>Two layers of 256: good text in a few minutes on a laptop.</source>
        <translation>两层 256：在笔记本上几分钟就能写出像样的文本。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="356" />
        <source>Two layers of 512: better text, wants half an hour or more.</source>
        <translation>两层 512：文本更好，需要半小时或更久。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="357" />
        <source>Three layers of 768: best with a GPU or hours to spare.</source>
        <translation>三层 768：最好有显卡，或者有几个小时的时间。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="358" />
        <source>Your own settings.</source>
        <translation>你自己的设置。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="362" />
        <source> (for a 65-symbol vocabulary; open a corpus for the exact figure)</source>
        <translation>（按 65 个符号的词表估算；打开文本后显示准确数字）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="363" />
        <source>Parameters: {n}</source>
        <translation>参数量：{n}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="372" />
        <source>Estimated speed on this computer: about {sps} symbols/s</source>
        <translation>本机预计速度：约每秒 {sps} 个符号</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_page.py" line="380" />
        <source>; one step ≈ {step}; the whole run ≈ {total}.</source>
        <translation>；每步约 {step}；整个训练约 {total}。</translation>
    </message>
</context>
<context>
    <name>OutputView</name>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="79" />
        <source>&lt;b&gt;{sym}&lt;/b&gt;: probability {p}</source>
        <translation>&lt;b&gt;{sym}&lt;/b&gt;：概率 {p}</translation>
    </message>
</context>
<context>
    <name>SamplePage</name>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="188" />
        <location filename="../../rnnstudio/gui/sample_page.py" line="196" />
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="190" />
        <source>Start with:</source>
        <translation>开头文本：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="190" />
        <source>Length:</source>
        <translation>长度：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="190" />
        <source>Temperature:</source>
        <translation>温度：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="190" />
        <source>Top-k:</source>
        <translation>Top-k：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="191" />
        <source>Top-p:</source>
        <translation>Top-p：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="191" />
        <source>Repetition penalty:</source>
        <translation>重复惩罚：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="191" />
        <source>Fixed seed:</source>
        <translation>固定种子：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="191" />
        <source>Stop at:</source>
        <translation>遇到即停止：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="193" />
        <source>Optional text to continue, e.g. ROMEO:</source>
        <translation>可选的开头文本，例如 ROMEO: 或 春眠</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="194" />
        <source>e.g. \n\n | THE END</source>
        <translation>例如 \n\n | 完</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="195" />
        <source>Skip unknown symbols in the start text</source>
        <translation>跳过开头文本中模型不认识的符号</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="197" />
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="198" />
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="199" />
        <source>Save text…</source>
        <translation>保存文本…</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="200" />
        <source>Compare temperatures…</source>
        <translation>比较不同温度…</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="201" />
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="202" />
        <source> symbols</source>
        <translation> 个符号</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="203" />
        <source>Low: safe and repetitive. High: adventurous, more mistakes. 0 always picks the likeliest symbol.</source>
        <translation>低：稳妥但容易重复。高：大胆但错误更多。0 总是选择可能性最大的符号。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="206" />
        <source>Only choose among the k likeliest symbols (0 = no limit).</source>
        <translation>只在可能性最大的 k 个符号中选择（0 = 不限）。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="207" />
        <source>Only choose among the likeliest symbols that together make up this much probability (1 = no limit).</source>
        <translation>只在累计概率达到此值的最可能符号中选择（1 = 不限）。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="209" />
        <source>Above 1, symbols used in the last 64 are made less likely, to avoid loops.</source>
        <translation>大于 1 时，最近 64 个符号中出现过的符号会降低概率，以免陷入循环。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="211" />
        <source>With a fixed seed the same settings always give the same text.</source>
        <translation>固定种子后，相同设置总会生成相同的文本。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="212" />
        <source>Generation ends when one of these appears; separate several with |. Write \n for a line break.</source>
        <translation>生成内容中出现其中任意一个时停止；多个用 | 分隔。换行写作 \n。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="216" />
        <source>Train a model or open one to generate text.</source>
        <translation>请训练或打开一个模型来生成文本。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="231" />
        <source>Ready.</source>
        <translation>已就绪。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="261" />
        <location filename="../../rnnstudio/gui/sample_page.py" line="300" />
        <source>Generating…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="301" />
        <source>Done: {n} symbols.</source>
        <translation>完成：{n} 个符号。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="327" />
        <source>Save text</source>
        <translation>保存文本</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="327" />
        <source>Text files (*.txt);;All files (*)</source>
        <translation>文本文件 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/sample_page.py" line="333" />
        <source>Could not save</source>
        <translation>无法保存</translation>
    </message>
</context>
<context>
    <name>TrainPage</name>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="155" />
        <source>Start training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="156" />
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="156" />
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="157" />
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="158" />
        <source>Bits per symbol</source>
        <translation>每符号比特</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="159" />
        <source>Show the loss in bits per symbol instead of nats (divide by ln 2).</source>
        <translation>以每符号比特而不是奈特显示损失（除以 ln 2）。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="160" />
        <source>What the network writes now (refreshed at each evaluation)</source>
        <translation>网络现在写出的文本（每次评估时刷新）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="161" />
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="162" />
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="163" />
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="164" />
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="165" />
        <source>Gradient norm</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="167" />
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="168" />
        <source>training (smoothed)</source>
        <translation>训练（平滑）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="169" />
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="170" />
        <source>Train on the chosen text with the chosen settings.</source>
        <translation>用选定的文本和设置进行训练。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="172" />
        <source>Not started</source>
        <translation>尚未开始</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="235" />
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="281" />
        <source>step {step}: validation loss {loss:.4f} nats ({bits:.3f} bits/symbol, perplexity {ppl:.2f})</source>
        <translation>第 {step} 步：验证损失 {loss:.4f} 奈特（每符号 {bits:.3f} 比特，困惑度 {ppl:.2f}）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="286" />
        <source>no improvement: learning rate lowered to {lr:.2g}</source>
        <translation>没有改进：学习率降低到 {lr:.2g}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="290" />
        <source>started on {device} ({precision}), {params} parameters, batch {batch}</source>
        <translation>已在 {device}（{precision}）上开始，{params} 个参数，批大小 {batch}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="292" />
        <source>, continuing from step {step}</source>
        <translation>，从第 {step} 步继续</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="295" />
        <source>checkpoint saved</source>
        <translation>已保存检查点</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="297" />
        <source>paused at step {step}</source>
        <translation>在第 {step} 步暂停</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="298" />
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="300" />
        <source>resumed</source>
        <translation>已继续</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="302" />
        <source>training diverged: {reason}</source>
        <translation>训练发散：{reason}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="321" />
        <source>{pct}% · step {step} · {sps} symbols/s · {eta} left</source>
        <translation>{pct}% · 第 {step} 步 · 每秒 {sps} 个符号 · 剩余 {eta}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="325" />
        <source>reached the step limit</source>
        <translation>达到步数上限</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="325" />
        <source>reached the time limit</source>
        <translation>达到时间上限</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="326" />
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="326" />
        <source>stopped early: no more improvement</source>
        <translation>提前停止：不再改进</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="327" />
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="328" />
        <source>finished: {reason} after {step} steps, {time}</source>
        <translation>结束：{reason}，共 {step} 步，用时 {time}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="330" />
        <source>Finished: {reason}</source>
        <translation>结束：{reason}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="338" />
        <source>error: {message}</source>
        <translation>错误：{message}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="396" />
        <source>bits per symbol</source>
        <translation>每符号比特</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/train_page.py" line="396" />
        <source>nats per symbol</source>
        <translation>每符号奈特</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../rnnstudio/gui/app.py" line="56" />
        <source>Something went wrong</source>
        <translation>出了点问题</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/app.py" line="57" />
        <source>RNN Studio met an unexpected problem and carried on. Details were written to:
{path}</source>
        <translation>RNN Studio 遇到了意外问题，但仍在继续运行。详细信息已写入：
{path}</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="18" />
        <source>a PNG image</source>
        <translation>PNG 图片</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="19" />
        <source>a JPEG image</source>
        <translation>JPEG 图片</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="20" />
        <source>a GIF image</source>
        <translation>GIF 图片</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="21" />
        <source>a zip archive or office document</source>
        <translation>zip 压缩包或 Office 文档</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="22" />
        <source>a zip archive</source>
        <translation>zip 压缩包</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="23" />
        <source>a PDF document</source>
        <translation>PDF 文档</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="24" />
        <source>binary data</source>
        <translation>二进制数据</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="25" />
        <source>a program</source>
        <translation>程序</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="26" />
        <source>a Windows program</source>
        <translation>Windows 程序</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="33" />
        <source>the file does not exist</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="34" />
        <source>the file is empty or cut short</source>
        <translation>文件是空的或不完整</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="35" />
        <source>this is not an RNN Studio model file</source>
        <translation>这不是 RNN Studio 模型文件</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="36" />
        <source>it was saved by a newer RNN Studio; please update the app</source>
        <translation>它由更新版本的 RNN Studio 保存；请更新应用</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="37" />
        <source>the file is damaged or cut short</source>
        <translation>文件已损坏或不完整</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="49" />
        <source>“{path}” does not exist.</source>
        <translation>“{path}”不存在。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="51" />
        <source>“{path}” is empty: there is no text to learn from.</source>
        <translation>“{path}”是空的：没有可学习的文本。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="53" />
        <source>The folder “{path}” holds no text files.</source>
        <translation>文件夹“{path}”中没有文本文件。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="55" />
        <source>“{path}” is not a text file (it looks like {kind}). Choose a plain-text file.</source>
        <translation>“{path}”不是文本文件（看起来是{kind}）。请选择纯文本文件。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="58" />
        <source>“{path}” cannot be read as {encoding}. Choose another encoding, or “Detect”.</source>
        <translation>无法按 {encoding} 读取“{path}”。请选择其他编码，或选“自动检测”。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="60" />
        <source>“{path}” has only {count} distinct symbol(s); at least 2 are needed.</source>
        <translation>“{path}”只有 {count} 种不同的符号；至少需要 2 种。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="62" />
        <source>“{path}” is too short: {count} symbols for training, but one training window needs {needed}. Use more text or a shorter window.</source>
        <translation>“{path}”太短了：训练部分只有 {count} 个符号，而一个训练窗口需要 {needed} 个。请使用更多文本或更短的窗口。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="65" />
        <source>The model never saw these symbols in its training text: {symbols}. Remove them, or tick “Skip unknown symbols”.</source>
        <translation>模型在训练文本中从未见过这些符号：{symbols}。请删除它们，或勾选“跳过不认识的符号”。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="68" />
        <source>“{path}” could not be opened as a model: {detail}</source>
        <translation>无法把“{path}”作为模型打开：{detail}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="71" />
        <source>Permission denied: {path}</source>
        <translation>没有权限：{path}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="73" />
        <source>Could not read or write “{path}”: {reason}</source>
        <translation>无法读写“{path}”：{reason}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="77" />
        <source>Something went wrong: {error}</source>
        <translation>出了点问题：{error}</translation>
    </message>
</context>
</TS>